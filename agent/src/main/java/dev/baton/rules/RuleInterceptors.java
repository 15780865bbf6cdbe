package dev.baton.rules;

import dev.baton.core.BatonContext;
import dev.baton.instrument.Interceptor;
import dev.baton.offload.RuleOffload;

/** The interceptor for a rule's action. */
final class RuleInterceptors {
    private RuleInterceptors() {
    }

    static Interceptor forRule(Rule rule, BatonContext context) throws java.io.IOException {
        switch (rule.action()) {
            case LOCK:
                return new LockRuleInterceptor(rule, context.locks());
            case RETRY:
                return new RetryRuleInterceptor(rule);
            case OFFLOAD:
                return RuleOffload.forRule(rule.name(), context);
            default:
                throw new UnsupportedOperationException("action " + rule.action() + " is not available yet");
        }
    }
}
