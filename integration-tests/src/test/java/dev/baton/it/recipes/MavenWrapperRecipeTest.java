package dev.baton.it.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.Recording;
import dev.baton.it.tools.BatonSetup;
import dev.baton.it.tools.MavenWrapperTool;
import dev.baton.it.tools.ToolRound;

/**
 * Apache Maven Wrapper 3.3.4: eight wrappers installing Maven 3.9.9 into one fresh MAVEN_USER_HOME
 * (apache/maven-wrapper#231, MWRAPPER-91). Real artifacts from Maven Central; one round without and one with Baton,
 * on the JDK 17 leg only (each round starts eight JVMs that unpack and start Maven).
 */
class MavenWrapperRecipeTest {
    private static final int PROCESSES = 8;

    @TempDir
    Path work;

    private MavenWrapperTool wrapper;

    @BeforeEach
    void jdk17LegOnly() {
        Jdk jdk = Jdk.target();
        Assumptions.assumeTrue(jdk.feature() == 17, "real-tool rounds run on the JDK 17 leg only (suite budget)");
        wrapper = new MavenWrapperTool(jdk, work);
    }

    @Test
    void withoutBatonConcurrentWrappersFail() throws Exception {
        ToolRound round = wrapper.run(PROCESSES, BatonSetup.without(), MavenWrapperTool.Launcher.JAVA, true);
        System.out.println(round.details());
        assertEquals(PROCESSES, round.requests(), "the rendezvous makes every wrapper download: " + round.details());
        assertTrue(!round.failures().isEmpty() || !round.brokenInstalls().isEmpty(),
                "expected the published failure (NoSuchFileException .part, DirectoryNotEmptyException, half-unpacked"
                        + " Maven): " + round.details());
    }

    @Test
    void theRealMvnwScriptWithBatonInJavaToolOptionsInstallsOnce() throws Exception {
        // Nothing but the agent in JAVA_TOOL_OPTIONS: the maven-wrapper recipe is active by default.
        BatonSetup baton = BatonSetup.agent(work.resolve("locks")).recordTo(work);
        ToolRound round = wrapper.run(PROCESSES, baton, MavenWrapperTool.Launcher.MVNW, false);
        System.out.println(round.details());
        assertEquals(0, round.failures().size(), round.details() + round.firstFailureOutput());
        assertEquals(1, round.requests(), round.details());
        assertEquals(1, round.transfers(), round.details());
        assertEquals(0, round.brokenInstalls().size(), round.details());
        assertEquals(java.util.List.of(), round.batonWarnings(), round.details());
        assertTrue(round.contendedWaits() > 0, "the runs must have overlapped (a process waited for a peer): "
                + round.details());
        long contendedInJfr = 0;
        for (int i = 0; i < PROCESSES; i++) {
            contendedInJfr += Recording.events(baton.recording("wrapper-" + i), "baton.LockWait").stream()
                    .filter(e -> e.getBoolean("contended")
                            && e.getString("purpose").equals("recipe maven-wrapper/createDist"))
                    .count();
        }
        assertTrue(contendedInJfr > 0, "JFR baton.LockWait: a contended wait for the recipe's lock");
    }
}
