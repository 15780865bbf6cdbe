package dev.baton.rules;

import java.time.Duration;
import java.util.List;

import dev.baton.instrument.MethodTarget;

/**
 * One user rule: {@code baton.rules.NAME.*}. Presets are the same kind of thing written in Java; a rule lets users
 * give any legacy method the lock, retry or offload treatment without code changes.
 *
 * @param key lock key expression; null locks the whole method (key = rule name)
 * @param done path template; when that file exists the call is skipped (void or boolean methods only)
 * @param retryOn exception class names (subclasses match too) that make a retry action try again
 * @param timeout lock wait; null means baton.lock.timeout
 */
record Rule(String name, MethodTarget target, Action action, ArgumentExpression key, ArgumentExpression done,
        List<String> retryOn, Duration timeout, String onTimeout, int attempts, Duration deadline) {

    enum Action {
        LOCK, RETRY, OFFLOAD
    }
}
