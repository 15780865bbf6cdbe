package dev.baton.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.apps.EnsureApp;
import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.LockWaits;
import dev.baton.it.harness.RunningJvm;

/**
 * {@code coalesce=true} skips a call that waited while a peer ran it for the same key: only when the peer's call
 * succeeded. A boolean "ensure" method that returned false did not make the item exist; the waiter must try itself
 * and answer what its own attempt answers, never a borrowed true.
 */
class CoalesceRuleTest {
    @TempDir
    Path work;

    @Test
    void aPeerThatReturnedFalseIsNotCoalescedIntoTrue() throws Exception {
        Path go = work.resolve("go");
        RunningJvm app = ChildJvm.on(Jdk.target(), work).named("ensure").classPath(Artifacts.testClasses())
                .agentArgs("lock.dir=" + work.resolve("locks"))
                .lockRule("ensure", EnsureApp.Repo.class.getName() + "#ensure", "arg0", "coalesce", "true")
                .main(EnsureApp.class.getName(), go).start();
        await().atMost(Duration.ofSeconds(60)).until(() -> LockWaits.waited(app, "rule:ensure")
                || !app.process().isAlive());
        Files.createFile(go);
        RunningJvm.Result result = app.awaitExit(60);
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("first=false second=false runs=2", result.stdout().strip(), result.toString());
    }
}
