package dev.baton.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.RunningJvm.Result;

/** java -jar baton-agent.jar ...: the command line as users run it. */
class CliTest {
    @TempDir
    Path work;

    private Jdk jdk;

    @BeforeEach
    void targetJdk() {
        jdk = Jdk.target();
    }

    /** What the command line prints is the same on every JDK; the two-leg budget goes to the agent's tests. */
    private void onTheJdk17Leg() {
        Assumptions.assumeTrue(jdk.feature() == 17, "command line output is checked on the JDK 17 leg");
    }

    private ChildJvm cli(Object... args) {
        return ChildJvm.on(jdk, work).withoutAgent().jar(Artifacts.agentJar(), args);
    }

    @Test
    void helpListsTheCommands() throws Exception {
        Result result = cli("--help").run(60);
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().contains("config"), result.toString());
        assertTrue(result.stdout().contains("-javaagent:baton-agent.jar"), result.toString());
    }

    @Test
    void configPrintsEachValueWithItsSource() throws Exception {
        Path file = work.resolve("baton.properties");
        Files.writeString(file, "baton.offload.threads=7\nbaton.lock.timeout=9m\n");
        Result result = cli("config", "download.ttl=1h").property("baton.config", file)
                .property("baton.lock.timeout", "2m").env("BATON_SQLITE_BUSY_TIMEOUT", "3s").run(60);
        assertEquals(0, result.exitCode(), result.toString());
        String out = result.stdout();
        assertTrue(out.matches("(?s).*baton\\.download\\.ttl\\s+1h\\s+\\(agent arguments\\).*"), out);
        assertTrue(out.matches("(?s).*baton\\.lock\\.timeout\\s+2m\\s+\\(system property\\).*"), out);
        assertTrue(out.matches("(?s).*baton\\.sqlite\\.busyTimeout\\s+3s\\s+\\(environment\\).*"), out);
        assertTrue(out.matches("(?s).*baton\\.offload\\.threads\\s+7\\s+\\(config file\\).*"), out);
        assertTrue(out.matches("(?s).*baton\\.install\\.onTimeout\\s+fail\\s+\\(default\\).*"), out);
    }

    @Test
    void configEndsWithTheHookCatalogPresetsAndRules() throws Exception {
        Result result = cli("config", "rules.tools.method=com.acme.Installer#install(java.lang.Object),"
                + "rules.tools.action=lock,rules.tools.key=this.ctx.jarFile,rules.tools.done=/tmp/${arg0}.done")
                .run(60);
        assertEquals(0, result.exitCode(), result.toString());
        String out = result.stdout();
        assertTrue(out.contains("  sqlite  org.sqlite.core.DB#exec(Ljava/lang/String;Z)V  action=transaction-control"),
                out);
        assertTrue(out.contains("  offload  org.sqlite.jdbc3.JDBC3ResultSet#next()Z  action=offload"
                + " operation=ResultSet.next"), out);
        assertTrue(out.contains("  rule tools  com.acme.Installer#install(Ljava/lang/Object;)  action=lock"
                + " done=/tmp/${arg0}.done key=this.ctx.jarFile"), out);
        assertTrue(out.contains("also rewrites overrides in subclasses and implementations"), out);
        assertTrue(out.contains("a call whose key cannot be evaluated locks the rule's one key 'tools'"), out);
        assertTrue(out.contains("done applies to methods returning void or boolean; elsewhere it is ignored"), out);
    }

    @Test
    void configExitsWith2AndExplainsAnInvalidValue() throws Exception {
        Result result = cli("config", "offload.threads=many").run(60);
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("invalid value baton.offload.threads=many (from agent arguments): expected"
                + " a whole number from 1 to 1024"), result.toString());
    }

    /**
     * A backend setting that can never work is a configuration error, said by {@code config} before any JVM meets it.
     * On main: exit 0, and every JVM found out at its first lock.
     */
    @Test
    void configFlagsAPostgresBackendWithoutAUrl() throws Exception {
        onTheJdk17Leg();
        Result result = cli("config", "lock.backend=postgres").run(60);
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("baton.lock.backend=postgres needs baton.lock.postgres.url"),
                result.toString());
        Result bad = cli("config", "lock.backend=postgres", "lock.postgres.url=postgres://db/baton").run(60);
        assertEquals(2, bad.exitCode(), bad.toString());
        assertTrue(bad.stderr().contains("baton.lock.postgres.url must start with jdbc:postgresql:"), bad.toString());
        Result unknown = cli("config", "lock.backend=redis").run(60);
        assertEquals(2, unknown.exitCode(), unknown.toString());
    }

    @Test
    void noArgumentsIsAHelpRequest() throws Exception {
        Result result = cli().run(60);
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().contains("Commands:") && result.stdout().contains("Exit status:"),
                result.toString());
        assertEquals("", result.stderr(), result.toString());
    }

    @Test
    void configShowsTheRejectedValueAndWhy() throws Exception {
        Result result = cli("config", "lock.timeout=banana").run(60);
        assertEquals(2, result.exitCode(), result.toString());
        String row = result.stdout().lines().filter(l -> l.startsWith("baton.lock.timeout ")).findFirst().orElseThrow();
        assertTrue(row.matches("baton\\.lock\\.timeout\\s+banana\\s+\\(agent arguments\\)\\s+REJECTED, expected a"
                + " duration such as 500ms.*: the default 10m applies.*"), row); // It switches nothing off (issue 13).
    }

    /**
     * One configuration with a bad value and a recipe switched off, as {@code config} and {@code recipes} show it:
     * both exit 2 with the value's one line; {@code config} marks the rejected value and the hooks of the feature it
     * disables, and lists no hook of the recipe that is off; {@code recipes} lists that recipe as off and the others
     * as active.
     */
    @Test
    void configAndRecipesShowABadValueAndARecipeTurnedOff() throws Exception {
        onTheJdk17Leg();
        String arguments = "sqlite.journalMode=delete,recipes.maven-wrapper.enabled=false";
        String invalid = "invalid value baton.sqlite.journalMode=delete (from agent arguments): expected one of keep,"
                + " wal";

        Result config = cli("config", arguments).run(60);
        assertEquals(2, config.exitCode(), config.toString());
        assertTrue(config.stderr().contains("error: " + invalid), config.toString());
        String out = config.stdout();
        assertTrue(out.matches("(?s).*\\nbaton\\.sqlite\\.journalMode\\s+delete\\s+\\(agent arguments\\)\\s+REJECTED,"
                + " expected one of keep, wal: feature 'sqlite' disabled.*"), out);
        assertTrue(out.contains("  sqlite  org.sqlite.core.DB#exec(Ljava/lang/String;Z)V  action=transaction-control"
                + "  (off: invalid configuration)"), out);
        assertFalse(out.contains("recipe maven-wrapper/"), out);
        assertTrue(out.contains("  recipe ivy/download  org.apache.ivy.core.cache.DefaultRepositoryCacheManager"
                + "#download("), out);

        Result recipes = cli("recipes", arguments).run(60);
        assertEquals(2, recipes.exitCode(), recipes.toString());
        assertTrue(recipes.stderr().contains("error: " + invalid), recipes.toString());
        assertTrue(recipes.stdout().contains("maven-wrapper  off (baton.recipes.maven-wrapper.enabled=false)"),
                recipes.toString());
        assertFalse(recipes.stdout().contains("org.apache.maven.wrapper.Installer#createDist("), recipes.toString());
        assertTrue(recipes.stdout().contains("\nivy  active\n"), recipes.toString());
    }

    /**
     * A bad value of the recipes feature itself turns every recipe off in the agent (with baton.onError=warn), so
     * {@code recipes} must not call any of them active.
     */
    @Test
    void recipesWithAnInvalidRecipesSwitchListsNoneAsActive() throws Exception {
        onTheJdk17Leg();
        Result recipes = cli("recipes", "recipes.enabled=banana").run(60);
        assertEquals(2, recipes.exitCode(), recipes.toString());
        assertTrue(recipes.stderr().contains("error: invalid value baton.recipes.enabled=banana (from agent arguments):"
                + " expected true or false"), recipes.toString());
        assertFalse(recipes.stdout().contains("  active"), recipes.toString());
        assertTrue(recipes.stdout().contains("ivy  off"), recipes.toString());
    }

    @Test
    void scanOfSomethingThatIsNotAJarIsOneLine() throws Exception {
        Path notes = Files.writeString(work.resolve("notes.txt"), "not a jar");
        Result result = cli("scan", notes).run(60);
        assertEquals(2, result.exitCode(), result.toString());
        assertEquals(List.of("baton scan: " + notes + " is not a jar, a .class file or a class directory (zip END"
                + " header not found)"), result.stderr().lines().toList(), result.toString());
    }

    @Test
    void aSuggestOptionWithoutSuggestIsNamedNotTakenForAFile() throws Exception {
        Result result = cli("scan", "--format=properties", "x.jar").run(60);
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.stderr().startsWith("baton scan: --format=properties belongs to scan --suggest; usage: scan"),
                result.toString());
    }

    @Test
    void unknownCommandIsAnError() throws Exception {
        Result result = cli("frobnicate").run(60);
        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("unknown command 'frobnicate'"), result.toString());
    }
}
