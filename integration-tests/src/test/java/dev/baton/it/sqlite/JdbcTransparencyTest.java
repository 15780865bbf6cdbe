package dev.baton.it.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.apps.JdbcBehaviour;
import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.RunningJvm.Result;

/**
 * The JDBC behaviour suite prints the same transcript with and without Baton, for the oldest, the build's and the
 * newest supported sqlite-jdbc: lazy BEGIN IMMEDIATE and busy retries are invisible to a single-process program.
 */
class JdbcTransparencyTest {
    @TempDir
    Path work;

    private Jdk jdk;

    @BeforeEach
    void targetJdk() {
        jdk = Jdk.target();
    }

    @ParameterizedTest
    @ValueSource(strings = {"3.46.1.3", "3.50.3.0", "3.51.3.0"})
    void transcriptIsIdenticalWithAndWithoutBaton(String driverVersion) throws Exception {
        String classPath = Artifacts.classPath(Artifacts.testClasses(),
                Artifacts.lib("sqlite-jdbc-" + driverVersion + ".jar"));
        Result without = ChildJvm.on(jdk, work).withoutAgent().classPath(classPath)
                .main(JdbcBehaviour.class.getName(), work.resolve("without-" + driverVersion + ".db")).run(120);
        Result with = ChildJvm.on(jdk, work).classPath(classPath)
                .main(JdbcBehaviour.class.getName(), work.resolve("with-" + driverVersion + ".db")).run(120);

        assertEquals(0, without.exitCode(), without.toString());
        assertEquals(0, with.exitCode(), with.toString());
        assertTrue(without.stdout().contains("savepoint: sp-kept|sp-released"), without.toString());
        assertEquals(without.stdout(), with.stdout());
        assertTrue(with.batonLines().stream().noneMatch(l -> l.contains("WARN") || l.contains("ERROR")),
                with.toString());
    }
}
