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
import dev.baton.it.tools.TakariWrapperTool;
import dev.baton.it.tools.ToolRound;

/** takari maven-wrapper 0.5.6: eight real mvnw scripts fetch the wrapper jar with MavenWrapperDownloader. JDK 17 only. */
class TakariWrapperRecipeTest {
    private static final int PROCESSES = 8;

    @TempDir
    Path work;

    private TakariWrapperTool takari;

    @BeforeEach
    void jdk17LegOnly() throws Exception {
        Jdk jdk = Jdk.target();
        Assumptions.assumeTrue(jdk.feature() == 17, "real-tool rounds run on the JDK 17 leg only (suite budget)");
        takari = new TakariWrapperTool(jdk, work);
    }

    /**
     * No server rendezvous can force this one (a rendezvous would make every script download and write in step):
     * within the second the paced jar takes to arrive, every other script either downloads it too or finds it half
     * written.
     */
    @Test
    void withoutBatonScriptsDownloadTwiceOrRunAHalfWrittenJar() throws Exception {
        ToolRound round = takari.run(PROCESSES, BatonSetup.without());
        System.out.println(round.details());
        assertTrue(round.requests() > 2 || !round.failures().isEmpty(), round.details());
    }

    @Test
    void withBatonInJavaToolOptionsOneDownloadOfEachAndEveryScriptRunsMaven() throws Exception {
        // The takari-wrapper-downloader and maven-wrapper recipes, both active by default.
        ToolRound round = takari.run(PROCESSES, BatonSetup.agent(work.resolve("locks")));
        System.out.println(round.details());
        assertEquals(0, round.failures().size(), round.details() + round.firstFailureOutput());
        assertEquals(2, round.requests(), "one GET of the wrapper jar, one of Maven: " + round.details());
        assertEquals(0, round.brokenInstalls().size(), round.details());
        assertEquals(java.util.List.of(), round.batonWarnings(), round.details());
        assertTrue(round.contendedWaits() > 0, round.details());
    }
}
