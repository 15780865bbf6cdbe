package dev.baton.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.apps.FlakyApp;
import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.Recording;
import dev.baton.it.harness.RunningJvm;

/** action=retry: a legacy method that fails transiently is called again, only for the rule's exception types. */
class RuleRetryTest {
    @TempDir
    Path work;

    private Jdk jdk;

    @BeforeEach
    void targetJdk() {
        jdk = Jdk.target();
    }

    private ChildJvm flaky(String retryOn, int attempts) {
        return ChildJvm.on(jdk, work).classPath(Artifacts.testClasses())
                .property("baton.rules.flaky.method", FlakyApp.class.getName() + "#fetch(java.lang.String)")
                .property("baton.rules.flaky.action", "retry")
                .property("baton.rules.flaky.retryOn", retryOn)
                .property("baton.rules.flaky.attempts", attempts)
                .main(FlakyApp.class.getName());
    }

    @Test
    void transientFailuresAreRetriedAndRecorded() throws Exception {
        Path jfr = work.resolve("retry.jfr");
        RunningJvm.Result result = flaky("java.io.IOException", 5).recordTo(jfr).run(60);
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("answer after 3 calls", result.stdout().strip().lines().reduce((a, b) -> b).orElse(""));
        assertEquals(2, Recording.events(jfr, "baton.Retry").size());
        assertEquals("rule:flaky", Recording.events(jfr, "baton.Retry").get(0).getString("operation"));
    }

    @Test
    void theLastFailureReachesTheCallerWhenAttemptsRunOut() throws Exception {
        RunningJvm.Result result = flaky("java.io.IOException", 2).run(60);
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.stdout().contains("failed: connection reset (call 2)"), result.toString());
    }

    @Test
    void otherExceptionTypesAreNotRetried() throws Exception {
        RunningJvm.Result result = flaky("java.lang.IllegalStateException", 5).run(60);
        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.stdout().contains("failed: connection reset (call 1)"), result.toString());
    }
}
