package dev.baton.it.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.harness.Jdk;
import dev.baton.it.tools.BatonSetup;
import dev.baton.it.tools.FrontendMavenPluginTool;
import dev.baton.it.tools.ToolRound;

/**
 * frontend-maven-plugin 1.15.1: eight Maven builds sharing one local repository install node at once
 * (eirslett/frontend-maven-plugin#794, #882), four of them into one installDirectory (#698, #1004). JDK 17 leg only.
 */
class FrontendMavenPluginRecipeTest {
    private static final int BUILDS = 8;
    /** Four of the eight also share one installDirectory: the install() locks work alongside the archive's. */
    private static final int SHARING = 4;

    @TempDir
    Path work;

    private FrontendMavenPluginTool plugin;

    @BeforeEach
    void jdk17LegOnly() throws Exception {
        Jdk jdk = Jdk.target();
        Assumptions.assumeTrue(jdk.feature() == 17, "real-tool rounds run on the JDK 17 leg only (suite budget)");
        plugin = new FrontendMavenPluginTool(jdk, work);
    }

    @Test
    void withoutBatonEveryBuildDownloadsTheSharedArchive() throws Exception {
        ToolRound round = plugin.run(BUILDS, SHARING, BatonSetup.without(), true);
        System.out.println(round.details());
        assertEquals(BUILDS, round.requests(), "the rendezvous makes every build download: " + round.details());
        assertTrue(!round.failures().isEmpty() || !round.brokenInstalls().isEmpty(), "expected the published failure"
                + " (EOFException, archive deleted as corrupt): " + round.details());
    }

    @Test
    void withBatonOneBuildDownloadsAndEveryBuildInstalls() throws Exception {
        // Nothing but the agent in MAVEN_OPTS: the frontend-maven-plugin recipe is active by default.
        BatonSetup baton = BatonSetup.agent(work.resolve("locks"));
        ToolRound round = plugin.run(BUILDS, SHARING, baton, false);
        System.out.println(round.details());
        assertEquals(0, round.failures().size(), round.details() + round.firstFailureOutput());
        assertEquals(1, round.requests(), round.details());
        assertEquals(1, round.transfers(), round.details());
        assertEquals(0, round.brokenInstalls().size(), round.details());
        assertEquals(java.util.List.of(), round.batonWarnings(), round.details());
        assertTrue(round.contendedWaits() > 0, round.details());
    }
}
