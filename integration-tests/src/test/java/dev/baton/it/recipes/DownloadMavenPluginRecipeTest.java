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
import dev.baton.it.tools.DownloadMavenPluginTool;
import dev.baton.it.tools.ToolRound;

/** download-maven-plugin 1.13.0: eight builds sharing one download cache wget the same URL. JDK 17 leg only. */
class DownloadMavenPluginRecipeTest {
    private static final int BUILDS = 8;

    @TempDir
    Path work;

    private DownloadMavenPluginTool plugin;

    @BeforeEach
    void jdk17LegOnly() {
        Jdk jdk = Jdk.target();
        Assumptions.assumeTrue(jdk.feature() == 17, "real-tool rounds run on the JDK 17 leg only (suite budget)");
        plugin = new DownloadMavenPluginTool(jdk, work);
    }

    @Test
    void withoutBatonEveryBuildDownloads() throws Exception {
        ToolRound round = plugin.run(BUILDS, BatonSetup.without(), true);
        System.out.println(round.details());
        assertEquals(BUILDS, round.requests(), "the rendezvous makes every build download: " + round.details());
    }

    @Test
    void withBatonOneBuildDownloadsAndTheCacheStaysReadable() throws Exception {
        // Nothing but the agent in MAVEN_OPTS: the download-maven-plugin recipe is active by default.
        ToolRound round = plugin.run(BUILDS, BatonSetup.agent(work.resolve("locks")), false);
        System.out.println(round.details());
        assertEquals(0, round.failures().size(), round.details() + round.firstFailureOutput());
        assertEquals(1, round.requests(), round.details());
        assertEquals(1, round.transfers(), round.details());
        assertEquals(0, round.brokenInstalls().size(), round.details());
        assertEquals(java.util.List.of(), round.batonWarnings(), round.details());
        assertTrue(round.contendedWaits() > 0, round.details());
    }
}
