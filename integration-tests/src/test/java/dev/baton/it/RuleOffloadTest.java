package dev.baton.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.apps.RuleOffloadApp;
import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.Recording;
import dev.baton.it.harness.RunningJvm;
import jdk.jfr.consumer.RecordedEvent;

/**
 * action=offload: a user rule gives any blocking method of virtual threads the treatment of the SQLite calls: by
 * default it stays on its virtual thread and is watched (a carrier is added while it blocks); in pool mode it runs
 * on Baton's platform pool.
 */
class RuleOffloadTest {
    @TempDir
    Path work;

    @Test
    void virtualThreadsCallsAreWatchedOnTheirOwnThreadsPlatformCallsUntouched() throws Exception {
        Jdk jdk = Jdk.target();
        Assumptions.assumeTrue(jdk.feature() >= 21, "offload needs virtual threads: runs in the JDK 25 leg only");
        Path jfr = work.resolve("rule.jfr");
        RunningJvm.Result result = withRule(ChildJvm.on(jdk, work).recordTo(jfr)).run(60);
        assertEquals(0, result.exitCode(), result.toString());
        // The executor's virtual threads have no name: the method ran on them, as without Baton.
        assertTrue(result.stdout().contains("virtual callers ran on []"), result.toString());
        assertTrue(result.stdout().contains("platform caller ran on main"), result.toString());
        List<RecordedEvent> events = Recording.events(jfr, "baton.Offload");
        assertFalse(events.isEmpty(), "no baton.Offload for the rule's calls");
        for (RecordedEvent event : events) {
            assertEquals("rule:blocking", event.getString("database"), event.toString());
            assertEquals("whereAmI", event.getString("operation"), event.toString());
            assertEquals(event.getThread("caller").getJavaThreadId(), event.getThread().getJavaThreadId(),
                    event.toString());
        }
    }

    @Test
    void inPoolModeVirtualThreadsCallsRunOnThePoolPlatformCallsInline() throws Exception {
        Jdk jdk = Jdk.target();
        Assumptions.assumeTrue(jdk.feature() >= 21, "offload needs virtual threads: runs in the JDK 25 leg only");
        RunningJvm.Result result = withRule(ChildJvm.on(jdk, work).agentArgs("offload.mode=pool")).run(60);
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().contains("virtual callers ran on [baton-offload-N]"), result.toString());
        assertTrue(result.stdout().contains("platform caller ran on main"), result.toString());
    }

    private static ChildJvm withRule(ChildJvm child) {
        return child.classPath(Artifacts.testClasses())
                .property("baton.rules.blocking.method", RuleOffloadApp.class.getName() + "#whereAmI(int)")
                .property("baton.rules.blocking.action", "offload")
                .main(RuleOffloadApp.class.getName());
    }

    @Test
    void withoutTheRuleVirtualThreadsRunItThemselves() throws Exception {
        Jdk jdk = Jdk.target();
        Assumptions.assumeTrue(jdk.feature() >= 21, "offload needs virtual threads: runs in the JDK 25 leg only");
        RunningJvm.Result result = ChildJvm.on(jdk, work).classPath(Artifacts.testClasses())
                .main(RuleOffloadApp.class.getName()).run(60);
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().contains("virtual callers ran on []"), result.toString());
    }
}
