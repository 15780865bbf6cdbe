package dev.baton.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.baton.core.Locks;
import dev.baton.instrument.Call;
import dev.baton.instrument.MethodTarget;

/** {@code coalesce=true}: a call that waited while a peer ran it for the same key is skipped, and only then. */
class CoalesceTest {
    /** The lock service as a waiter sees it: whether a peer completed the key while this call waited. */
    private static Locks locks(boolean peerCompleted, List<String> log) {
        return (scope, key, purpose, timeout, onTimeout) -> {
            log.add(scope + " " + key);
            return new Locks.Lease() {
                @Override
                public boolean locked() {
                    return true;
                }

                @Override
                public boolean peerCompletedWhileWaiting() {
                    return peerCompleted;
                }

                @Override
                public boolean previouslyDone() {
                    return peerCompleted;
                }

                @Override
                public void markDone() {
                    log.add("done");
                }

                @Override
                public void close() {
                    log.add("released");
                }
            };
        };
    }

    private static Call call(String descriptor, List<String> log) {
        return new Call() {
            @Override
            public Object self() {
                return null;
            }

            @Override
            public Object[] arguments() {
                return new Object[] {"http://127.0.0.1/x.jar", "/p/.mvn/wrapper/maven-wrapper.jar"};
            }

            @Override
            public MethodTarget target() {
                return new MethodTarget("Tool", "download", descriptor);
            }

            @Override
            public String descriptor() {
                return descriptor;
            }

            @Override
            public Object proceed() {
                log.add("ran");
                return descriptor.endsWith(")V") ? null : "result";
            }

            @Override
            public Object proceedWith(Object[] arguments) {
                return proceed();
            }
        };
    }

    private static LockRuleInterceptor interceptor(boolean peerCompleted, List<String> log) {
        RuleSpecs.Parsed parsed = RuleSpecs.fromRecipe("tool", Map.of(
                "rules.download.method", "Tool#download(java.lang.String,java.lang.String)",
                "rules.download.action", "lock", "rules.download.key", "arg1", "rules.download.coalesce", "true"));
        assertEquals(List.of(), parsed.problems());
        return new LockRuleInterceptor(RuleParser.compile(parsed.specs().get(0)), locks(peerCompleted, log));
    }

    @Test
    void aCallThatWaitedForAPeerIsSkippedUnderTheLock() throws Throwable {
        List<String> log = new ArrayList<>();
        assertNull(interceptor(true, log).intercept(call("(Ljava/lang/String;Ljava/lang/String;)V", log)));
        assertEquals(List.of("recipe:tool /p/.mvn/wrapper/maven-wrapper.jar", "done", "released"), log);
    }

    @Test
    void aCallThatDidNotWaitRuns() throws Throwable {
        List<String> log = new ArrayList<>();
        interceptor(false, log).intercept(call("(Ljava/lang/String;Ljava/lang/String;)V", log));
        assertEquals(List.of("recipe:tool /p/.mvn/wrapper/maven-wrapper.jar", "ran", "done", "released"), log);
    }

    @Test
    void aMethodWithAResultBatonCannotInventAlwaysRuns() throws Throwable {
        List<String> log = new ArrayList<>();
        Object result = interceptor(true, log).intercept(call("(Ljava/lang/String;Ljava/lang/String;)Ljava/io/File;",
                log));
        assertEquals("result", result);
        assertEquals(List.of("recipe:tool /p/.mvn/wrapper/maven-wrapper.jar", "ran", "done", "released"), log);
    }

    @Test
    void publishAndCoalesceBelongToLock() {
        RuleSpecs.Parsed parsed = RuleSpecs.fromRecipe("tool", Map.of(
                "rules.x.method", "Tool#download(java.lang.String)", "rules.x.action", "retry",
                "rules.x.retryOn", "java.io.IOException", "rules.x.coalesce", "true"));
        assertEquals(1, parsed.problems().size(), parsed.toString());
        assertEquals("invalid rule recipe tool: rules.x.coalesce=true: expected no publish or coalesce with"
                + " action=retry (they belong to action=lock)", parsed.problems().get(0).message());
        RuleSpecs.Parsed badIndex = RuleSpecs.fromRecipe("tool", Map.of(
                "rules.x.method", "Tool#download(java.lang.String)", "rules.x.action", "lock",
                "rules.x.publish", "arg"));
        assertEquals(1, badIndex.problems().size(), badIndex.toString());
    }

}
