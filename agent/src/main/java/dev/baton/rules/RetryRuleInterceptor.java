package dev.baton.rules;

import java.time.Duration;
import java.util.List;

import dev.baton.instrument.Call;
import dev.baton.instrument.Interceptor;
import dev.baton.retry.Retrier;
import dev.baton.retry.RetryPolicy;
import dev.baton.retry.RetryStats;

/**
 * action=retry: the method runs again after a failure of one of the rule's exception types (subclasses included),
 * with exponential backoff and jitter, up to the rule's attempts and deadline. The last failure reaches the caller
 * unchanged. Retrying is the user's call: the method must be safe to repeat.
 */
final class RetryRuleInterceptor implements Interceptor {
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final Rule rule;
    private final RetryPolicy policy;

    RetryRuleInterceptor(Rule rule) {
        this.rule = rule;
        this.policy = new RetryPolicy(FIRST_BACKOFF, MAX_BACKOFF, rule.deadline(), rule.attempts());
    }

    @Override
    public Object intercept(Call call) throws Throwable {
        return Retrier.run(policy, rule.lockScope(), call.target().toString(), this::retryable, call::proceed,
                new RetryStats());
    }

    /** By name, walking superclasses and interfaces: the rule's types may live in a loader Baton cannot see. */
    private boolean retryable(Throwable failure) {
        List<String> types = rule.retryOn();
        for (Class<?> type = failure.getClass(); type != null; type = type.getSuperclass()) {
            if (types.contains(type.getName()) || implementsAny(type, types)) {
                return true;
            }
        }
        return false;
    }

    private static boolean implementsAny(Class<?> type, List<String> names) {
        for (Class<?> implemented : type.getInterfaces()) {
            if (names.contains(implemented.getName()) || implementsAny(implemented, names)) {
                return true;
            }
        }
        return false;
    }
}
