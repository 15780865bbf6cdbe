package dev.baton.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.baton.instrument.Call;
import dev.baton.instrument.Interceptor;

/**
 * A rule acts once per call. A rule on a base or interface method also rewrites the overrides; an override that calls
 * {@code super.method(same arguments)} reaches the rewritten base method on the same thread, on the same object, with
 * the same arguments: that inner call runs as it is, instead of taking the rule's lock again or multiplying a retry
 * rule's attempts. A recursive call with other arguments is a call of its own and gets the rule.
 */
final class SameCallGuard implements Interceptor {
    private final Interceptor rule;
    /** The calls this rule runs on each thread (a subclass, not withInitial(ArrayList::new): no lambda at start-up). */
    private final ThreadLocal<List<Object[]>> active = new ThreadLocal<>() {
        @Override
        protected List<Object[]> initialValue() {
            return new ArrayList<>();
        }
    };

    SameCallGuard(Interceptor rule) {
        this.rule = rule;
    }

    @Override
    public boolean wants(Object self) {
        return rule.wants(self);
    }

    @Override
    public Object intercept(Call call) throws Throwable {
        Object self = call.self();
        if (self == null) {
            return rule.intercept(call);
        }
        List<Object[]> calls = active.get();
        for (Object[] outer : calls) {
            if (outer[0] == self && Arrays.equals((Object[]) outer[1], call.arguments())) {
                return call.proceed();
            }
        }
        Object[] entry = {self, call.arguments()};
        calls.add(entry);
        try {
            return rule.intercept(call);
        } finally {
            calls.remove(entry);
        }
    }
}
