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
import dev.baton.it.harness.Recording;
import dev.baton.it.harness.RunningJvm;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Rules that are hard to get wrong, in a real JVM with the agent: a rule naming an interface's generic method locks
 * the implementation (once per call, not also through the compiler's bridge), its key reads a protected field of a
 * superclass, and parts of a rule that cannot apply are said once while the method stays locked.
 */
class RuleMatchingTest {
    private static final String INSTALL = RuleTargetsApp.class.getName() + "$Installer#install(java.lang.Object)";
    private static final String IMPLEMENTATION = RuleTargetsApp.class.getName()
            + "$JarInstaller#install(Ljava/lang/String;)Ljava/nio/file/Path;";

    @TempDir
    Path work;

    private Jdk jdk;

    @BeforeEach
    void targetJdk() {
        jdk = Jdk.target();
    }

    private RunningJvm.Result run(Path jfr, String key, String done) throws Exception {
        ChildJvm child = ChildJvm.on(jdk, work).classPath(Artifacts.testClasses())
                .agentArgs("lock.dir=" + work.resolve("locks"))
                .property("baton.rules.tools.method", INSTALL)
                .property("baton.rules.tools.action", "lock")
                .property("baton.rules.tools.key", key)
                .main(RuleTargetsApp.class.getName(), "lib/tool.jar", "a", "b", "c")
                .recordTo(jfr);
        if (done != null) {
            child.property("baton.rules.tools.done", done);
        }
        RunningJvm.Result result = child.run(60);
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().contains("installed 3"), result.toString());
        assertFalse(result.stderr().contains("failed inside Baton"), result.toString());
        return result;
    }

    @Test
    void aRuleOnAnInterfaceLocksEachCallOfTheImplementationByAProtectedFieldOfItsSuperclass() throws Exception {
        Path jfr = work.resolve("rule.jfr");
        RunningJvm.Result result = run(jfr, "this.ctx.jarFile", null);
        List<RecordedEvent> waits = Recording.events(jfr, "baton.LockWait");
        assertEquals(3, waits.size(), "one lock per call, none through the bridge: " + waits);
        for (RecordedEvent wait : waits) {
            assertEquals("rule:tools", wait.getString("scope"));
            assertEquals("rule tools", wait.getString("purpose"));
            assertEquals("lib/tool.jar", wait.getString("key"));
        }
        assertFalse(result.stderr().contains("WARN"), result.toString());
    }

    @Test
    void aKeyThatCannotBeEvaluatedLocksTheRuleWideKeyAndSaysSoOnce() throws Exception {
        Path jfr = work.resolve("rule.jfr");
        RunningJvm.Result result = run(jfr, "this.ctx.jarPath", null);
        List<RecordedEvent> waits = Recording.events(jfr, "baton.LockWait");
        assertEquals(3, waits.size(), "every call still locked: " + waits);
        for (RecordedEvent wait : waits) {
            assertEquals("tools", wait.getString("key"));
        }
        assertEquals(1, count(result.stderr(), "rule tools: key 'this.ctx.jarPath' cannot be evaluated for "
                + IMPLEMENTATION), result.toString());
    }

    @Test
    void aDoneThatCannotApplyKeepsTheLockAndSaysSoOnce() throws Exception {
        Path jfr = work.resolve("rule.jfr");
        RunningJvm.Result result = run(jfr, "this.ctx.jarFile", work.resolve("${arg0}.done").toString());
        assertEquals(3, Recording.events(jfr, "baton.LockWait").size());
        assertEquals(1, count(result.stderr(), "rule tools: done is ignored for " + IMPLEMENTATION
                + ": it returns java.nio.file.Path"), result.toString());
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
