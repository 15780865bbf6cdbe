package dev.baton.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.apps.WaitingApp;
import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.CountingHttpServer;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.Recording;
import dev.baton.it.harness.RunningJvm;

/**
 * Agent-Class: Baton can be attached to a JVM that is already running (jcmd JVMTI.agent_load ...), and then rewrites
 * classes the JVM loaded before it came.
 */
class AttachTest {
    @TempDir
    Path work;

    /** jcmd parses key=value in its own arguments, so the agent option here is a bare flag (enabled=true). */
    @Test
    void attachesToARunningJvm() throws Exception {
        Jdk jdk = Jdk.target();
        Path release = work.resolve("release");
        Path copy = work.resolve("copied.bin");
        Path jfr = work.resolve("attached.jfr");
        CountingHttpServer server = new CountingHttpServer(4096, 1 << 20);
        RunningJvm app = ChildJvm.on(jdk, work).withoutAgent().named("attach-target").recordTo(jfr)
                .property("baton.lock.dir", work.resolve("locks"))
                // JDK 21+ warns about dynamically loaded agents unless the JVM allows them up front.
                .jvmOption(jdk.feature() >= 21 ? "-XX:+EnableDynamicAgentLoading" : "-Xshare:auto")
                .classPath(Artifacts.testClasses()).main(WaitingApp.class.getName(), release, copy, server.uri("/artifact.bin")).start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> app.stdout().contains("waiting"));
            var attach = new ProcessBuilder(jdk.tool("jcmd").toString(), String.valueOf(app.pid()),
                    "JVMTI.agent_load", Artifacts.agentJar().toString(), "enabled")
                    .redirectErrorStream(true).start();
            String jcmdOutput = new String(attach.getInputStream().readAllBytes());
            assertEquals(0, attach.waitFor(), jcmdOutput);
            await().atMost(Duration.ofSeconds(30)).until(() -> app.stderr().contains("(attached)"));
        } finally {
            Files.createFile(release);
        }
        RunningJvm.Result result = app.awaitExit(30);
        server.close();
        assertEquals(0, result.exitCode(), result.toString());
        // Nothing but Baton's line: in particular no class-data-sharing notice, which appending the bridge to the
        // bootstrap class path of a running JVM would print.
        assertTrue(result.stderr().matches("\\[baton\\] Baton \\S+ on Java \\d+ \\(attached\\), \\d+ ms: active[^\\n]*\\n"),
                result.toString());
        // Files was loaded long before the attach: Baton retransformed it, and the download went through Baton.
        List<RecordedEvent> downloads = Recording.events(jfr, "baton.Download");
        assertEquals(1, downloads.size(), "the attached agent coordinated Files.copy: " + downloads);
        assertEquals(copy.toRealPath().toString(), downloads.get(0).getString("target"));
    }
}
