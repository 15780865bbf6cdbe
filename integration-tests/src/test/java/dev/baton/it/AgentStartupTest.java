package dev.baton.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.apps.HelloApp;
import dev.baton.it.apps.IsolatedApp;
import dev.baton.it.apps.LoopbackCopyApp;
import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.Recording;
import dev.baton.it.harness.RunningJvm.Result;

/** The agent in a real JVM: starts quietly, stays invisible, obeys its configuration, registers its JFR types. */
class AgentStartupTest {
    @TempDir
    Path work;

    private Jdk jdk;

    @BeforeEach
    void targetJdk() {
        jdk = Jdk.target();
    }

    private ChildJvm hello() {
        return ChildJvm.on(jdk, work).classPath(Artifacts.testClasses()).main(HelloApp.class.getName());
    }

    @Test
    void startsWithOneLineAndNoJvmWarnings() throws Exception {
        Result result = hello().run(60);
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("main ran", result.stdout().strip());
        List<String> lines = result.batonLines();
        assertEquals(1, lines.size(), result.toString());
        assertTrue(lines.get(0).matches("\\[baton\\] Baton \\S+ on Java " + jdk.feature() + ", \\d+ ms: active \\[.*"), lines.get(0));
        // JDK 25 prints Unsafe and dynamic-agent warnings for careless agents; Baton must cause none.
        assertFalse(result.stderr().contains("WARNING"), result.toString());
    }

    /**
     * Versioned downloads are how most people store an agent. Nothing may depend on the file name: no JVM notice
     * about class data sharing (appending to the bootstrap class path at run time prints one and turns sharing off),
     * and rewritten JDK code still reaches the bridge (the copy is coordinated and recorded).
     */
    @Test
    void aRenamedJarStartsSilentlyAndWorks() throws Exception {
        Path renamed = Files.copy(Artifacts.agentJar(), work.resolve("baton-agent-0.1.0.jar"));
        Path jfr = work.resolve("renamed.jfr");
        Result result = ChildJvm.on(jdk, work).agentJar(renamed).agentArgs("lock.dir=" + work.resolve("locks"))
                .recordTo(jfr).classPath(Artifacts.testClasses())
                .main(LoopbackCopyApp.class.getName(), work.resolve("copied")).run(60);
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().contains("copied 3"), result.toString());
        assertEquals(1, result.batonLines().size(), result.toString());
        assertEquals(result.batonLines().get(0), result.stderr().strip(), "nothing but Baton's line: " + result);
        assertEquals(1, Recording.events(jfr, "baton.Download").size(), "the copy went through Baton");
    }

    @Test
    void disabledAgentPrintsNothingAndChangesNothing() throws Exception {
        Result result = hello().agentArgs("enabled=false").run(60);
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("", result.stderr());
    }

    @Test
    void invalidValueIsOneClearLineAndTheApplicationRuns() throws Exception {
        Result result = hello().agentArgs("lock.timeout=5q").run(60);
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("main ran", result.stdout().strip());
        assertTrue(result.stderr().contains("[baton] ERROR invalid value baton.lock.timeout=5q (from agent arguments):"
                + " expected a duration such as 500ms, 30s, 5m, 1h"), result.toString());
        assertTrue(result.stderr().contains("using the default"), result.toString());
        // A bad timeout disables only what it governs: downloads and installs still run (issue 13).
        assertTrue(result.stderr().contains("active [download, install"), result.toString());
    }

    @Test
    void onErrorFailStopsBeforeMainWithStatus2() throws Exception {
        Result result = hello().property("baton.onError", "fail").env("BATON_SQLITE_JOURNAL_MODE", "delete").run(60);
        assertEquals(2, result.exitCode(), result.toString());
        assertFalse(result.stdout().contains("main ran"), result.toString());
        assertTrue(result.stderr().contains("baton.sqlite.journalMode=delete (from environment): expected one of"
                + " keep, wal"), result.toString());
    }

    @Test
    void unknownKeyNamesTheClosestKnownKey() throws Exception {
        Result result = hello().property("baton.lok.dir", "/tmp/x").run(60);
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("unknown configuration key baton.lok.dir (ignored); did you mean"
                + " baton.lock.dir?"), result.toString());
    }

    @Test
    void applicationWithItsOwnByteBuddyAndSlf4jRunsUnchangedAndSeesNothingOfBaton() throws Exception {
        String classPath = Artifacts.classPath(Artifacts.testClasses(), Artifacts.lib("byte-buddy-1.14.18.jar"),
                Artifacts.lib("slf4j-api-1.7.36.jar"), Artifacts.lib("slf4j-simple-1.7.36.jar"));
        Result with = ChildJvm.on(jdk, work).classPath(classPath).main(IsolatedApp.class.getName()).run(60);
        Result without = ChildJvm.on(jdk, work).withoutAgent().classPath(classPath)
                .main(IsolatedApp.class.getName()).run(60);

        assertEquals(0, with.exitCode(), with.toString());
        assertEquals(without.stdout(), with.stdout());
        assertTrue(with.stdout().contains("generated by own byte buddy"), with.toString());
        assertTrue(with.stdout().contains("bytebuddy from file:" + Artifacts.lib("byte-buddy-1.14.18.jar")),
                with.toString());
        assertTrue(with.stdout().contains("slf4j binding org.slf4j.impl.SimpleLoggerFactory"), with.toString());
        assertFalse(with.stdout().contains("visible=true"), with.toString());
        assertTrue(with.stderr().contains("own slf4j works"), with.toString());
    }

    @Test
    void everyBatonEventTypeIsInTheRecordingEvenWithoutEvents() throws Exception {
        Path jfr = work.resolve("startup.jfr");
        Result result = hello().recordTo(jfr).run(60);
        assertEquals(0, result.exitCode(), result.toString());
        List<String> types = Recording.eventTypes(jfr);
        for (String type : List.of("baton.Fallback", "baton.LockWait", "baton.LockHold", "baton.LockStatistics",
                "baton.Download", "baton.Retry", "baton.Install", "baton.SqliteBusy", "baton.Offload",
                "baton.OffloadStatistics")) {
            assertTrue(types.contains(type), type + " missing from " + jfr);
        }
    }
}
