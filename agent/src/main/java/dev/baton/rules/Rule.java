package dev.baton.rules;

import java.time.Duration;
import java.util.List;

import dev.baton.core.HookSpec;
import dev.baton.instrument.MethodTarget;

/**
 * The typed form of a rule-style hook spec (a user rule or a recipe's hook), compiled by {@link RuleParser}.
 *
 * @param key lock key expression; null locks the whole method (one key for the rule)
 * @param done path template; when that file exists the call is skipped (void or boolean methods only)
 * @param retryOn exception class names (subclasses match too) that make a retry action try again
 * @param timeout lock wait; null means baton.lock.timeout
 * @param publish index of the argument naming the file the method writes ({@link Publication}), or -1
 * @param coalesce skip the call (void or boolean methods) when a peer ran it for the same key while this one waited
 */
record Rule(HookSpec spec, Action action, ArgumentExpression key, ArgumentExpression done, List<String> retryOn,
        Duration timeout, String onTimeout, int attempts, Duration deadline, int publish, boolean coalesce) {

    enum Action {
        LOCK, RETRY, OFFLOAD
    }

    /** "rule plugins", "recipe maven-wrapper": in logs, JFR purposes and the report. */
    String name() {
        return spec.label();
    }

    MethodTarget target() {
        return spec.target();
    }

    /** The one key of a rule without a key expression, and the fallback when the expression cannot be read. */
    String wideKey() {
        return spec.name();
    }

    /**
     * The lock scope: one per rule, so two rules never wait on each other. User rules keep "rule:NAME" (processes
     * of different Baton versions still meet on one lock). A recipe's hooks share one scope, "recipe:NAME": hooks of
     * one tool that touch the same thing (node and npm installed into one directory) meet on the same key.
     */
    String lockScope() {
        return spec.origin() == HookSpec.Origin.RULE ? "rule:" + spec.name() : "recipe:" + spec.owner();
    }
}
