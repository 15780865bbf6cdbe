package dev.baton.rules;

import dev.baton.core.BatonContext;
import dev.baton.core.Feature;
import dev.baton.core.HookSpec;
import dev.baton.instrument.Interceptor;
import dev.baton.offload.RuleOffload;

/**
 * The interceptor of a rule-style spec (user rule or recipe hook) by its action: lock, retry or offload. The
 * recipes feature's {@code start} returns {@code spec -> RuleActions.interceptor(spec, context)}, as the rules
 * feature does.
 */
public final class RuleActions {
    private RuleActions() {
    }

    /**
     * What the rules and recipes features start: the interceptors of their specs in {@code context}. A class, not a
     * lambda, as everything on the way to a short-lived tool's first lock (see docs/design.md, "Start-up cost").
     */
    public static Feature.Interceptors interceptors(BatonContext context) {
        return new ForContext(context);
    }

    private static final class ForContext implements Feature.Interceptors {
        private final BatonContext context;

        ForContext(BatonContext context) {
            this.context = context;
        }

        @Override
        public Interceptor forSpec(HookSpec spec) {
            return interceptor(spec, context);
        }
    }

    public static Interceptor interceptor(HookSpec spec, BatonContext context) {
        return new SameCallGuard(action(RuleParser.compile(spec), context));
    }

    private static Interceptor action(Rule rule, BatonContext context) {
        switch (rule.action()) {
            case LOCK:
                return new LockRuleInterceptor(rule, context.locks());
            case RETRY:
                return new RetryRuleInterceptor(rule);
            case OFFLOAD:
                return RuleOffload.forRule(rule.spec().name(), context);
            default:
                throw new UnsupportedOperationException("action " + rule.action() + " is not available yet");
        }
    }
}
