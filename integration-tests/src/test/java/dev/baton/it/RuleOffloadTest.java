package dev.baton.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.apps.RuleOffloadApp;
import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.RunningJvm;

/** action=offload: a user rule moves any blocking method of virtual threads onto Baton's platform pool. */
class RuleOffloadTest {
    @TempDir
    Path work;

    @Test
    void virtualThreadsCallsRunOnThePoolPlatformCallsInline() throws Exception {
        Jdk jdk = Jdk.target();
        Assumptions.assumeTrue(jdk.feature() >= 21, "offload needs virtual threads: runs in the JDK 25 leg only");
        RunningJvm.Result result = ChildJvm.on(jdk, work).classPath(Artifacts.testClasses())
                .property("baton.rules.blocking.method", RuleOffloadApp.class.getName() + "#whereAmI(int)")
                .property("baton.rules.blocking.action", "offload")
                .main(RuleOffloadApp.class.getName()).run(60);
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().contains("virtual callers ran on [baton-offload-N]"), result.toString());
        assertTrue(result.stdout().contains("platform caller ran on main"), result.toString());
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
