package dev.baton.it.recipes;

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

    @Test
    void withoutBaton() throws Exception {
        ToolRound round = takari.run(PROCESSES, BatonSetup.without());
        System.out.println(round.details());
        System.out.println(round.firstFailureOutput());
        assertTrue(round.requests() > 2 || !round.failures().isEmpty(), round.details());
    }
}
