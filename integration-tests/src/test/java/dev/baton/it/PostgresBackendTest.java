package dev.baton.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.CountingHttpServer;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.LockWaits;
import dev.baton.it.harness.PluginToolRule;
import dev.baton.it.harness.RunningJvm;
import dev.baton.testsupport.PostgresServer;

/**
 * {@code baton.lock.backend=postgres} through the real shaded {@code -javaagent} jar and the baton-postgres.jar
 * beside it, against a real PostgreSQL: tool processes that each have their OWN lock directory (as on machines
 * sharing only an NFS directory) exclude each other through the database alone. The tool is samples' PluginTool
 * with a lock rule on its install method ({@link PluginToolRule}), as in {@link RulesTest}.
 */
class PostgresBackendTest {
    private static final int PROCESSES = 4;
    private static PostgresServer database;

    @TempDir
    Path work;
    private Jdk jdk;
    private CountingHttpServer repository;

    @BeforeAll
    static void startDatabase() throws Exception {
        database = PostgresServer.start();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void start() throws Exception {
        jdk = Jdk.target();
        repository = new CountingHttpServer(256 * 1024, 1024 * 1024);
    }

    @AfterEach
    void stop() {
        repository.close();
    }

    private String postgres(String machine) {
        return "lock.backend=postgres,lock.dir=" + work.resolve("locks-" + machine) + ",lock.postgres.url="
                + database.jdbcUrl() + ",lock.postgres.user=" + PostgresServer.USER;
    }

    private ChildJvm tool(Path plugins, String agentArgs) {
        return PluginToolRule.withLockRule(ChildJvm.on(jdk, work).classPath(Artifacts.samplesClassPath())
                .agentArgs(agentArgs).main(PluginToolRule.TOOL, plugins, "left-pad",
                        repository.uri("/plugins").toString()));
    }

    /** Every tool on its own "machine" (lock directory), all started at once; the installs they made. */
    private List<String> runTools(Path plugins, boolean postgres, boolean expectWaits) throws Exception {
        repository.rendezvous(PROCESSES, Duration.ofMinutes(3));
        List<RunningJvm> tools = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            String machine = "machine-" + i;
            String args = postgres ? postgres(machine) : "lock.dir=" + work.resolve("locks-" + machine);
            tools.add(tool(plugins, args).named("tool-" + i).start());
        }
        if (expectWaits) {
            // The repository holds the first download until the others wait for the rule's lock.
            await().atMost(Duration.ofMinutes(3)).until(() -> repository.requests() > 1
                    || repository.requests() == 1 && LockWaits.waiting(tools, "rule:plugins") == PROCESSES - 1);
            assertEquals(1, repository.requests(), "one tool downloads while the others wait");
            repository.openRendezvous();
        }
        for (RunningJvm tool : tools) {
            RunningJvm.Result result = tool.awaitExit(180);
            assertEquals(0, result.exitCode(), result.toString());
            assertTrue(result.stdout().contains("plugin left-pad ready"), result.toString());
            assertFalse(result.stderr().contains("[baton] WARN"), result.toString());
        }
        return Files.readAllLines(plugins.resolve("installs.log"));
    }

    @Test
    void toolsOnSeparateLockDirectoriesInstallOnceThroughTheDatabase() throws Exception {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        List<String> installs = runTools(plugins, true, true);
        assertEquals(1, installs.size(), installs.toString());
        assertEquals(1, repository.requests());
    }

    /** The control: the same run on the file backend, whose separate lock directories never meet. */
    @Test
    void onTheFileBackendSeparateLockDirectoriesDoNotMeet() throws Exception {
        Assumptions.assumeTrue(jdk.feature() == 17, "the control runs on the JDK 17 leg only (suite budget)");
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        List<String> installs = runTools(plugins, false, false);
        assertEquals(PROCESSES, installs.size(), "no tool waited for another: " + installs);
    }

    /**
     * The backend's jar is found beside the agent jar, also when both carry a version in their names, and must come
     * from the agent's build; without it the lock fails with one clear line and the tool still runs, or, with
     * baton.onError=fail, the JVM stops before main.
     */
    @Test
    void theBackendJarIsFoundBesideTheAgentJarAndMustComeFromItsBuild() throws Exception {
        Assumptions.assumeTrue(jdk.feature() == 17, "jar lookup is the same on every JDK: checked on the 17 leg");
        Path renamed = Files.createDirectories(work.resolve("renamed"));
        Path agent = Files.copy(Artifacts.agentJar(), renamed.resolve("baton-agent-0.1.0.jar"));
        Files.copy(Artifacts.agentJar().resolveSibling("baton-postgres.jar"),
                renamed.resolve("baton-postgres-0.1.0.jar"));
        String found = runOnce(agent, "renamed");
        assertFalse(found.contains("[baton] WARN"), found);

        Path alone = Files.createDirectories(work.resolve("alone"));
        Path aloneAgent = Files.copy(Artifacts.agentJar(), alone.resolve("baton-agent.jar"));
        String missing = runOnce(aloneAgent, "alone");
        assertTrue(missing.contains("baton-postgres.jar") && missing.contains("WITHOUT cross-process protection"),
                missing);
        RunningJvm.Result stopped = tool(Files.createDirectories(work.resolve("plugins-stopped")),
                postgres("stopped") + ",onError=fail").agentJar(aloneAgent).run(120);
        assertEquals(2, stopped.exitCode(), "onError=fail stops before main: " + stopped);
        assertTrue(stopped.stderr().contains("baton-postgres.jar"), stopped.toString());
        assertFalse(stopped.stdout().contains("plugin left-pad"), stopped.toString());

        Path mixed = Files.createDirectories(work.resolve("mixed"));
        Path mixedAgent = Files.copy(Artifacts.agentJar(), mixed.resolve("baton-agent.jar"));
        rebuild(Artifacts.agentJar().resolveSibling("baton-postgres.jar"), mixed.resolve("baton-postgres.jar"),
                "0.0.1 another build");
        String refused = runOnce(mixedAgent, "mixed");
        assertTrue(refused.contains("comes from build 0.0.1 another build"), refused);
    }

    /** One tool run with the agent jar {@code agent}; its stderr. */
    private String runOnce(Path agent, String machine) throws Exception {
        Path plugins = Files.createDirectories(work.resolve("plugins-" + machine));
        RunningJvm.Result result = tool(plugins, postgres(machine)).agentJar(agent).run(120);
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().contains("plugin left-pad ready"), result.toString());
        return result.stderr();
    }

    /** A copy of a jar whose manifest says it comes from another build. */
    private static void rebuild(Path jar, Path copy, String build) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Baton-Build", build);
            try (OutputStream file = Files.newOutputStream(copy); JarOutputStream out = new JarOutputStream(file,
                    manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    ((InputStream) in).transferTo(out);
                    out.closeEntry();
                }
            }
        }
    }
}
