package dev.baton.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.RunningJvm.Result;

/** java -jar baton-agent.jar scan: what presets and rules would rewrite in the samples, without running them. */
class ScanTest {
    @TempDir
    Path work;

    private Jdk jdk;

    @BeforeEach
    void targetJdk() {
        jdk = Jdk.target();
    }

    private Path samplesJar() {
        return Path.of("..", "samples", "target", "baton-samples.jar").toAbsolutePath().normalize();
    }

    @Test
    void listsCallSitesOfPresetsWithLines() throws Exception {
        Result result = ChildJvm.on(jdk, work).withoutAgent().jar(Artifacts.agentJar(), "scan", samplesJar()).run(60);
        assertEquals(0, result.exitCode(), result.toString());
        String out = result.stdout();
        assertTrue(out.matches("(?s).*dev\\.baton\\.samples\\.download\\.CarelessFetcher#main \\(CarelessFetcher\\.java:\\d+\\)"
                + "  calls java\\.nio\\.file\\.Files#copy\\(Ljava/io/InputStream;Ljava/nio/file/Path;"
                + "\\[Ljava/nio/file/CopyOption;\\)J  \\[download].*"), out);
        assertTrue(out.contains("calls java.net.http.HttpClient#send("), out);
        assertTrue(out.contains("calls org.apache.commons.io.FileUtils#copyURLToFile(Ljava/net/URL;Ljava/io/File;II)V"),
                out);
        assertTrue(out.matches("(?s).*LegacyInstaller#main \\(LegacyInstaller\\.java:\\d+\\)  calls "
                + "java\\.lang\\.ProcessBuilder#start\\(\\)Ljava/lang/Process;  \\[install].*"), out);
        assertTrue(out.matches("(?s).*\\d+ place\\(s\\) in \\d+ classes\\s*"), out);
    }

    @Test
    void listsMethodsThatUserRulesRewrite() throws Exception {
        Result result = ChildJvm.on(jdk, work).withoutAgent()
                .property("baton.rules.plugins.method", "dev.baton.samples.rules.PluginTool#install(java.lang.String)")
                .property("baton.rules.plugins.action", "lock")
                .jar(Artifacts.agentJar(), "scan", samplesJar()).run(60);
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().contains("dev.baton.samples.rules.PluginTool#install(Ljava/lang/String;)V  rewrites"
                + " its own code  [rules]"), result.toString());
        assertTrue(result.stdout().matches("(?s).*PluginTool#main \\(PluginTool\\.java:\\d+\\)  calls "
                + "dev\\.baton\\.samples\\.rules\\.PluginTool#install\\(Ljava/lang/String;\\)V  \\[rules].*"),
                result.toString());
    }

    @Test
    void aBadRuleIsOneErrorLineAndExitStatus2() throws Exception {
        Result result = ChildJvm.on(jdk, work).withoutAgent()
                .property("baton.rules.plugins.method", "PluginTool")
                .property("baton.rules.plugins.action", "lock")
                .jar(Artifacts.agentJar(), "scan", samplesJar()).run(60);
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("error: invalid rule baton.rules.plugins.method=PluginTool: expected"
                + " Class#method or Class#method(type,...)"), result.toString());
    }

    @Test
    void suggestsALockForTheCheckThenActInstallMethod() throws Exception {
        Result result = ChildJvm.on(jdk, work).withoutAgent()
                .jar(Artifacts.agentJar(), "scan", "--suggest", samplesJar()).run(120);
        assertEquals(0, result.exitCode(), result.toString());
        String out = result.stdout();
        assertTrue(out.contains("1. high"), out);
        assertTrue(out.contains("baton.rules.PluginTool-install.method=dev.baton.samples.rules.PluginTool#install("
                + "java.lang.String)"), out);
        assertTrue(out.contains("baton.rules.PluginTool-install.key=this.directory"), out);
        assertTrue(out.matches("(?s).*why: Files\\.exists\\(this\\.directory\\) at PluginTool\\.java:\\d+ then .*"), out);
    }

    @Test
    void suggestRejectsAnUnknownFormat() throws Exception {
        Result result = ChildJvm.on(jdk, work).withoutAgent()
                .jar(Artifacts.agentJar(), "scan", "--suggest", "--format=yaml", samplesJar()).run(60);
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("--format=yaml: expected text or properties"), result.toString());
    }
}
