package dev.baton.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
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

/** A legacy tool's own install(String) method, coordinated by a user rule alone (samples/PluginTool). */
class RulesTest {
    private static final int PROCESSES = 8;
    private static final String TOOL = PluginToolRule.TOOL;

    @TempDir
    Path work;

    private Jdk jdk;
    private CountingHttpServer repository;

    @BeforeEach
    void start() throws Exception {
        jdk = Jdk.target();
        repository = new CountingHttpServer(256 * 1024, 1024 * 1024);
    }

    @AfterEach
    void stop() {
        repository.close();
    }

    private ChildJvm tool(Path plugins, boolean withRule) {
        ChildJvm child = ChildJvm.on(jdk, work).classPath(Artifacts.samplesClassPath())
                .agentArgs("lock.dir=" + work.resolve("locks"))
                .main(TOOL, plugins, "left-pad", repository.uri("/plugins").toString());
        return withRule ? PluginToolRule.withLockRule(child) : child;
    }

    private List<RunningJvm> startEight(Path plugins, boolean withRule) throws Exception {
        List<RunningJvm> tools = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            tools.add(tool(plugins, withRule).named("tool-" + i).start());
        }
        return tools;
    }

    private static List<String> installsAfterExit(Path plugins, List<RunningJvm> tools) throws Exception {
        for (RunningJvm tool : tools) {
            RunningJvm.Result result = tool.awaitExit(120);
            assertEquals(0, result.exitCode(), result.toString());
            assertTrue(result.stdout().contains("plugin left-pad ready"), result.toString());
        }
        return Files.readAllLines(plugins.resolve("installs.log"));
    }

    @Test
    void eightProcessesInstallOncePerPluginWithALockRule() throws Exception {
        // The repository holds the first download until the test lets it go: meanwhile the seven other tools must
        // be waiting for the rule's lock (a second download would be the rule failing).
        repository.rendezvous(PROCESSES, Duration.ofMinutes(3));
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        List<RunningJvm> tools = startEight(plugins, true);
        await().atMost(Duration.ofMinutes(3)).until(() -> repository.requests() > 1
                || repository.requests() == 1 && LockWaits.waiting(tools, "rule:plugins") == PROCESSES - 1);
        assertEquals(1, repository.requests(), "one tool downloads while the others wait");
        assertEquals(PROCESSES - 1, LockWaits.waiting(tools, "rule:plugins"), "the seven others wait for the lock");
        repository.openRendezvous();
        List<String> installs = installsAfterExit(plugins, tools);
        assertEquals(1, installs.size(), installs.toString());
        assertEquals(1, repository.requests());
    }

    @Test
    void withoutTheRuleTheSameRunInstallsRepeatedly() throws Exception {
        Assumptions.assumeTrue(jdk.feature() == 17, "bug shown on the JDK 17 leg only");
        // No response leaves before all eight tools asked, so all eight found no marker and all eight install.
        repository.rendezvous(PROCESSES, Duration.ofMinutes(3));
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        List<String> installs = installsAfterExit(plugins, startEight(plugins, false));
        assertEquals(PROCESSES, installs.size(), "every tool installed: " + installs);
        assertEquals(PROCESSES, repository.requests());
    }

    @Test
    void aBadRuleIsOneClearLineAndTheApplicationStillRuns() throws Exception {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        RunningJvm.Result result = tool(plugins, false).property("baton.rules.plugins.method", TOOL + "#install")
                .property("baton.rules.plugins.action", "lockk").run(60);
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("[baton] ERROR invalid rule baton.rules.plugins.action=lockk: expected one"
                + " of lock, retry, offload"), result.toString());
    }
}
