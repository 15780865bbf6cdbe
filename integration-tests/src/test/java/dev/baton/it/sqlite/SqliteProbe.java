package dev.baton.it.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.RunningJvm.Result;

/** A small SQLite application of the test sources ({@code dev.baton.it.apps}) in a child JVM, with or without Baton. */
final class SqliteProbe {
    private SqliteProbe() {
    }

    static ChildJvm child(Jdk jdk, Path work, Class<?> probe, boolean agent, Object... arguments) {
        ChildJvm child = ChildJvm.on(jdk, work).named(probe.getSimpleName() + (agent ? "-with" : "-without"))
                .classPath(Artifacts.classPath(Artifacts.samplesClassPath(), Artifacts.testClasses()))
                .main(probe.getName(), arguments);
        return agent ? child : child.withoutAgent();
    }

    /** Runs the probe to its end; it must exit 0. */
    static Result run(ChildJvm child) throws Exception {
        Result result = child.run(120);
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }

    static Result run(Jdk jdk, Path work, Class<?> probe, boolean agent, Object... arguments) throws Exception {
        return run(child(jdk, work, probe, agent, arguments));
    }

    /** What the probe printed, without the lines JFR prints when recording. */
    static List<String> lines(Result result) {
        return result.stdout().lines().filter(l -> !l.startsWith("[")).toList();
    }
}
