package dev.baton.it.suggest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.RunningJvm.Result;
import dev.baton.it.tools.BatonSetup;
import dev.baton.it.tools.FrontendMavenPluginTool;
import dev.baton.it.tools.MavenWrapperTool;
import dev.baton.it.tools.ToolArtifacts;
import dev.baton.it.tools.ToolRound;

/**
 * The workflow README shows for a tool nobody wrote a recipe for: {@code scan --suggest --format=properties} on the
 * tool's jar, the file used as is as {@code baton.config} (the tool's recipe switched off), eight concurrent runs
 * of the real tool against a slow 127.0.0.1 server (the races the recipe tests reproduce without Baton), then
 * {@code report} on the recordings. JDK 17 leg only: each round starts eight JVMs or Maven builds.
 */
class SuggestedRulesTest {
    private static final int PROCESSES = 8;

    @TempDir
    Path work;

    private Jdk jdk;

    @BeforeEach
    void jdk17LegOnly() {
        jdk = Jdk.target();
        Assumptions.assumeTrue(jdk.feature() == 17, "real-tool rounds run on the JDK 17 leg only (suite budget)");
    }

    /**
     * Runs {@code scan --suggest --format=properties} on {@code jar}, with the tool's recipe off as in the rounds
     * (with it on, scan says the recipe already hooks those methods), and returns the file it wrote.
     */
    private Path suggestedConfig(Path jar, String recipe) throws IOException, InterruptedException {
        Path config = work.resolve(jar.getFileName() + ".properties");
        Result scan = ChildJvm.on(jdk, work).withoutAgent().property("baton.recipes." + recipe + ".enabled", "false")
                .jar(Artifacts.agentJar(), "scan", "--suggest", "--format=properties", "--output=" + config, jar)
                .run(300);
        assertEquals(0, scan.exitCode(), scan.toString());
        System.out.println(Files.readString(config));
        return config;
    }

    private static List<String> activeLines(Path config) throws IOException {
        return Files.readAllLines(config).stream().filter(l -> l.startsWith("baton.rules.")).toList();
    }

    @Test
    void mavenWrapperSuggestedRuleInstallsOnce() throws Exception {
        Path config = suggestedConfig(ToolArtifacts.file("maven-wrapper-" + MavenWrapperTool.WRAPPER_VERSION + ".jar"),
                "maven-wrapper");
        assertEquals(List.of(
                "baton.rules.Installer-createDist.method=org.apache.maven.wrapper.Installer#createDist("
                        + "org.apache.maven.wrapper.WrapperConfiguration)",
                "baton.rules.Installer-createDist.action=lock",
                "baton.rules.Installer-createDist.key=arg0.distribution"), activeLines(config));

        Path recordings = Files.createDirectories(work.resolve("recordings"));
        BatonSetup baton = BatonSetup.agent(work.resolve("locks")).configFile(config)
                .set("baton.recipes.maven-wrapper.enabled", "false").recordTo(recordings);
        ToolRound round = new MavenWrapperTool(jdk, work).run(PROCESSES, baton, MavenWrapperTool.Launcher.JAVA, false);
        System.out.println(round.details());
        assertEquals(0, round.failures().size(), round.details() + round.firstFailureOutput());
        assertEquals(1, round.requests(), round.details());
        assertEquals(1, round.transfers(), round.details());
        assertEquals(0, round.brokenInstalls().size(), round.details());
        assertTrue(round.contendedWaits() > 0, "the runs must have overlapped: " + round.details());
        assertEquals(List.of(), round.batonWarnings(), "every suggested rule applied: " + round.details());

        List<Object> reportArgs = new ArrayList<>(List.of("report"));
        try (Stream<Path> files = Files.list(recordings)) {
            files.filter(f -> f.toString().endsWith(".jfr")).sorted().forEach(reportArgs::add);
        }
        Result report = ChildJvm.on(jdk, work).withoutAgent().jar(Artifacts.agentJar(), reportArgs.toArray())
                .run(120);
        assertEquals(0, report.exitCode(), report.toString());
        assertTrue(report.stdout().contains("rule:Installer-createDist"),
                "the report shows the suggested rule's lock: " + report.stdout());
    }

    @Test
    void frontendPluginSuggestedRulesDownloadTheArchiveOnce() throws Exception {
        FrontendMavenPluginTool plugin = new FrontendMavenPluginTool(jdk, work);
        Path core = ToolArtifacts.localRepository().resolve("com/github/eirslett/frontend-plugin-core/"
                + FrontendMavenPluginTool.PLUGIN_VERSION + "/frontend-plugin-core-"
                + FrontendMavenPluginTool.PLUGIN_VERSION + ".jar");
        Path config = suggestedConfig(core, "frontend-maven-plugin");
        assertTrue(activeLines(config).contains("baton.rules.NodeInstaller-downloadFileIfMissing.key=arg1"),
                "the node archive's download is among the rules: " + activeLines(config));

        BatonSetup baton = BatonSetup.agent(work.resolve("locks")).configFile(config)
                .set("baton.recipes.frontend-maven-plugin.enabled", "false");
        ToolRound round = plugin.run(PROCESSES, baton, false);
        System.out.println(round.details());
        assertEquals(0, round.failures().size(), round.details() + round.firstFailureOutput());
        assertEquals(1, round.requests(), round.details());
        assertEquals(1, round.transfers(), round.details());
        assertEquals(0, round.brokenInstalls().size(), round.details());
        assertTrue(round.contendedWaits() > 0, "the builds must have overlapped: " + round.details());
        assertEquals(List.of(), round.batonWarnings(), "every suggested rule applied: " + round.details());
    }
}
