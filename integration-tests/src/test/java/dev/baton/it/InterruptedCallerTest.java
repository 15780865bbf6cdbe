package dev.baton.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.apps.InterruptedCallerApp;
import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.RunningJvm;

/**
 * An interrupt (Future.cancel(true), shutdownNow) must neither let a guarded call run without its lock nor be lost:
 * the wait for the lock goes on, and the call and its caller still see the interrupt flag, as they would without
 * Baton. On main an interrupted wait was taken for Baton's own failure: the call ran at once beside the holder, and
 * the flag was cleared.
 */
class InterruptedCallerTest {
    @TempDir
    Path work;

    @Test
    void anInterruptedCallerKeepsItsLockAndItsInterrupt() throws Exception {
        Path go = work.resolve("go");
        RunningJvm app = ChildJvm.on(Jdk.target(), work).named("interrupted").classPath(Artifacts.testClasses())
                .agentArgs("lock.dir=" + work.resolve("locks"))
                .lockRule("repo", InterruptedCallerApp.Repo.class.getName() + "#install", "arg0")
                .main(InterruptedCallerApp.class.getName(), go).start();
        await().atMost(Duration.ofSeconds(60)).until(() -> app.stdout().contains("interrupted the waiter")
                || !app.process().isAlive());
        Files.createFile(go);
        RunningJvm.Result result = app.awaitExit(60);
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(List.of("solo start interrupted=true", "solo end", "solo after interrupted=true",
                "holder start interrupted=false", "interrupted the waiter", "holder end",
                "waiter start interrupted=true", "waiter end", "waiter after interrupted=true"),
                result.stdout().lines().toList(), result.toString());
        assertFalse(result.stderr().contains("failed inside Baton"), result.stderr());
    }
}
