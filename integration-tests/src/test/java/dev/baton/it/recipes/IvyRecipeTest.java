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
import dev.baton.it.tools.IvyTool;
import dev.baton.it.tools.ToolRound;

/** Apache Ivy 2.5.2: eight projects resolve one dependency into one shared Ivy cache (IVY-654). JDK 17 leg only. */
class IvyRecipeTest {
    private static final int PROCESSES = 8;

    @TempDir
    Path work;

    private IvyTool ivy;

    @BeforeEach
    void jdk17LegOnly() {
        Jdk jdk = Jdk.target();
        Assumptions.assumeTrue(jdk.feature() == 17, "real-tool rounds run on the JDK 17 leg only (suite budget)");
        ivy = new IvyTool(jdk, work);
    }

    @Test
    void withoutBatonConcurrentResolvesFail() throws Exception {
        ToolRound round = ivy.run(PROCESSES, BatonSetup.without(), true);
        System.out.println(round.details());
        assertEquals(PROCESSES, round.requests(), "the rendezvous makes every resolve download: " + round.details());
        assertTrue(!round.failures().isEmpty(), "expected 'impossible to move part file to definitive one': "
                + round.details());
    }

    @Test
    void withBatonOneDownloadAndEveryProjectRetrieves() throws Exception {
        ToolRound round = ivy.run(PROCESSES, BatonSetup.agent(work.resolve("locks")), false);
        System.out.println(round.details());
        assertEquals(0, round.failures().size(), round.details() + round.firstFailureOutput());
        assertEquals(1, round.requests(), round.details());
        assertEquals(1, round.transfers(), round.details());
        assertEquals(0, round.brokenInstalls().size(), round.details());
        assertEquals(java.util.List.of(), round.batonWarnings(), round.details());
        assertTrue(round.contendedWaits() > 0, round.details());
    }
}
