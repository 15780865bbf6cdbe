package dev.baton.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.baton.instrument.Call;
import dev.baton.instrument.Interceptor;
import dev.baton.instrument.MethodTarget;

/** A rule acts once per call: an override's super call is the same call, a recursive call is another. */
class RuleCallsTest {
    private final List<String> acted = new ArrayList<>();

    /** The rule itself: records each call it acts on, then runs the body. */
    private final Interceptor rule = call -> {
        acted.add(String.valueOf(call.arguments()[0]));
        return call.proceed();
    };

    @Test
    void anOverrideCallingSuperWithTheSameArgumentsIsOneCall() throws Throwable {
        SameCallGuard guard = new SameCallGuard(rule);
        Object installer = new Object();
        // The override's body calls super.install("x"): the base method's prologue reaches the guard again.
        guard.intercept(new TestCall(installer, new Object[] {"x"}, () -> guard.intercept(
                new TestCall(installer, new Object[] {"x"}, () -> "base"))));
        assertEquals(List.of("x"), acted);
    }

    @Test
    void aRecursiveCallWithOtherArgumentsGetsTheRuleToo() throws Throwable {
        SameCallGuard guard = new SameCallGuard(rule);
        Object installer = new Object();
        guard.intercept(new TestCall(installer, new Object[] {"app"}, () -> guard.intercept(
                new TestCall(installer, new Object[] {"dependency"}, () -> "installed"))));
        assertEquals(List.of("app", "dependency"), acted);
    }

    @Test
    void anotherObjectIsAnotherCall() throws Throwable {
        SameCallGuard guard = new SameCallGuard(rule);
        guard.intercept(new TestCall(new Object(), new Object[] {"x"}, () -> guard.intercept(
                new TestCall(new Object(), new Object[] {"x"}, () -> "inner"))));
        assertEquals(List.of("x", "x"), acted);
    }

    /** The body of an intercepted method, as a test writes it. */
    @FunctionalInterface
    interface Body {
        Object run() throws Throwable;
    }

    private record TestCall(Object self, Object[] arguments, Body body) implements Call {
        @Override
        public MethodTarget target() {
            return new MethodTarget("com.acme.Installer", "install", "(Ljava/lang/String;)");
        }

        @Override
        public String descriptor() {
            return "(Ljava/lang/String;)Ljava/lang/Object;";
        }

        @Override
        public Object proceed() throws Throwable {
            return body.run();
        }

        @Override
        public Object proceedWith(Object[] newArguments) throws Throwable {
            return body.run();
        }
    }
}
