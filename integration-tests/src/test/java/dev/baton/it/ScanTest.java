package dev.baton.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.apps.RuleTargetsApp;
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
                + "java\\.lang\\.ProcessBuilder#start\\(\\)Ljava/lang/Process;  \\[install: npm].*"), out);
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
                + " its own code  [rule plugins]"), result.toString());
        assertTrue(result.stdout().matches("(?s).*PluginTool#main \\(PluginTool\\.java:\\d+\\)  calls "
                + "dev\\.baton\\.samples\\.rules\\.PluginTool#install\\(Ljava/lang/String;\\)V  \\[rule plugins].*"),
                result.toString());
    }

    @Test
    void listsEveryPresetRewriteInSqliteJdbcIncludingOffloadTargets() throws Exception {
        Path driver = Path.of("..", "samples", "target", "lib", "sqlite-jdbc-3.50.3.0.jar").toAbsolutePath();
        Result result = ChildJvm.on(jdk, work).withoutAgent().jar(Artifacts.agentJar(), "scan", driver).run(60);
        assertEquals(0, result.exitCode(), result.toString());
        String out = result.stdout();
        for (String rewrite : List.of("org.sqlite.JDBC#createConnection(Ljava/lang/String;Ljava/util/Properties;)"
                + "Lorg/sqlite/SQLiteConnection;  rewrites its own code  [sqlite]",
                "org.sqlite.core.DB#exec(Ljava/lang/String;Z)V  rewrites its own code  [sqlite]",
                "org.sqlite.core.DB#executeBatch(Lorg/sqlite/core/SafeStmtPtr;I[Ljava/lang/Object;Z)[J  rewrites its own"
                        + " code  [sqlite]",
                "org.sqlite.core.NativeDB#_exec(Ljava/lang/String;)I  rewrites its own code  [sqlite]",
                "org.sqlite.jdbc3.JDBC3ResultSet#next()Z  rewrites its own code  [offload]",
                "org.sqlite.jdbc4.JDBC4Connection#prepareStatement(Ljava/lang/String;III)Ljava/sql/PreparedStatement;"
                        + "  rewrites its own code  [offload]")) {
            assertTrue(out.contains(rewrite), rewrite + " missing in\n" + out);
        }
    }

    @Test
    void tagsAProcessStartAsAnInstallOnlyWhenItsCommandCouldBeOne() throws Exception {
        Path app = Path.of(Artifacts.testClasses(), "dev", "baton", "it", "apps", "ProcessStarts.class");
        Result result = ChildJvm.on(jdk, work).withoutAgent().jar(Artifacts.agentJar(), "scan", app).run(60);
        assertEquals(0, result.exitCode(), result.toString());
        String out = result.stdout();
        String start = "  calls java.lang.ProcessBuilder#start()Ljava/lang/Process;  ";
        assertTrue(out.matches("(?s).*ProcessStarts#npmInstall \\(ProcessStarts\\.java:\\d+\\)"
                + java.util.regex.Pattern.quote(start + "[install: npm]") + ".*"), out);
        assertTrue(out.matches("(?s).*ProcessStarts#whateverTheCallerSays \\(ProcessStarts\\.java:\\d+\\)"
                + java.util.regex.Pattern.quote(start + "[install: maybe: the command is not a constant in this"
                + " method]") + ".*"), out);
        assertTrue(out.matches("(?s).*ProcessStarts#throughAShell \\(ProcessStarts\\.java:\\d+\\)"
                + java.util.regex.Pattern.quote(start + "[install: maybe: npm through a shell (sh)") + ".*"), out);
        assertTrue(out.matches("(?s).*ProcessStarts#pipThroughRuntimeExec \\(ProcessStarts\\.java:\\d+\\)  calls "
                + "java\\.lang\\.Runtime#exec\\(\\[Ljava/lang/String;\\)Ljava/lang/Process;  "
                + java.util.regex.Pattern.quote("[install: python3 -m pip]") + ".*"), out);
        assertFalse(out.contains("gitClone"), out);
    }

    @Test
    void aRuleOnAnInterfaceListsItsImplementationsOnceWithWhatTheRuleCannotDoThere() throws Exception {
        String app = RuleTargetsApp.class.getName();
        Path classes = Path.of(Artifacts.testClasses(), "dev", "baton", "it", "apps");
        List<Object> args = new java.util.ArrayList<>(List.of("scan"));
        for (String nested : List.of("", "$Installer", "$Context", "$Tool", "$JarInstaller")) {
            args.add(classes.resolve("RuleTargetsApp" + nested + ".class"));
        }
        Result result = ChildJvm.on(jdk, work).withoutAgent()
                .property("baton.rules.tools.method", app + "$Installer#install(java.lang.Object)")
                .property("baton.rules.tools.action", "lock")
                .property("baton.rules.tools.key", "this.ctx.jarPath")
                .property("baton.rules.tools.done", "/tmp/${arg0}.done")
                .property("baton.rules.version.method", app + "$JarInstaller#hashCode")
                .property("baton.rules.version.action", "lock")
                .jar(Artifacts.agentJar(), args.toArray()).run(60);
        assertEquals(0, result.exitCode(), result.toString());
        String out = result.stdout();
        assertTrue(out.contains(app + "$JarInstaller#install(Ljava/lang/String;)Ljava/nio/file/Path;  rewrites its own"
                + " code, overriding " + app + "$Installer#install  [rule tools: done ignored: returns java.nio.file.Path,"
                + " the method still runs under the lock; key 'this.ctx.jarPath' cannot be evaluated (no method, getter"
                + " or field 'jarPath' in " + app + "$Context): every call locks one key for the whole rule]"), out);
        assertFalse(out.contains("$JarInstaller#install(Ljava/lang/Object;)Ljava/nio/file/Path;  rewrites"),
                "the compiler's bridge is not rewritten: " + out);
        assertTrue(out.contains(app + "$JarInstaller  matches no method hashCode  [rule version: nothing rewritten"
                + " here"), out);
        assertTrue(out.matches("(?s).*RuleTargetsApp#main \\(RuleTargetsApp\\.java:\\d+\\)  calls "
                + java.util.regex.Pattern.quote(app + "$Installer#install(Ljava/lang/Object;)Ljava/nio/file/Path;"
                + "  [rule tools]") + ".*"), out);
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
    void suggestRejectsAnUnknownFormatAndAnUnwritableOutputBeforeReading() throws Exception {
        Result result = ChildJvm.on(jdk, work).withoutAgent()
                .jar(Artifacts.agentJar(), "scan", "--suggest", "--format=yaml", samplesJar()).run(60);
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("--format=yaml: expected text or properties"), result.toString());
        Result unwritable = ChildJvm.on(jdk, work).withoutAgent().jar(Artifacts.agentJar(), "scan", "--suggest",
                "--output=" + work.resolve("no/such/dir/rules.properties"), samplesJar()).run(60);
        assertEquals(2, unwritable.exitCode(), unwritable.toString());
        assertTrue(unwritable.stderr().contains("baton scan: cannot write "), unwritable.toString());
    }

    @Test
    void suggestSaysWhenAShippedRecipeAlreadyHooksTheMethod() throws Exception {
        Path wrapper = dev.baton.it.tools.ToolArtifacts.file("maven-wrapper-3.3.4.jar");
        Path config = work.resolve("wrapper.properties");
        Result result = ChildJvm.on(jdk, work).withoutAgent()
                .jar(Artifacts.agentJar(), "scan", "--suggest", "--format=properties", "--output=" + config, wrapper)
                .run(120);
        assertEquals(0, result.exitCode(), result.toString());
        String written = java.nio.file.Files.readString(config);
        assertTrue(written.contains("# already hooked by recipe maven-wrapper"), written);
        assertTrue(written.lines().noneMatch(l -> l.startsWith("baton.rules.")), "nothing left to paste: " + written);
    }
}
