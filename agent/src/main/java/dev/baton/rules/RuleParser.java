package dev.baton.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.baton.config.BatonConfig;
import dev.baton.config.Keys;
import dev.baton.config.Problem;
import dev.baton.config.ValueType;
import dev.baton.instrument.MethodTarget;

/**
 * Reads {@code baton.rules.NAME.PROPERTY} settings into rules. Every mistake is one line naming the key, the value
 * and what is accepted; a broken rule is left out and the other rules still apply.
 */
final class RuleParser {
    private static final Set<String> PROPERTIES = Set.of("method", "action", "key", "done", "retryOn", "timeout",
            "onTimeout", "attempts", "deadline");
    private static final int DEFAULT_ATTEMPTS = 3;
    private static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

    /** Parsed rules and the problems of the rules left out. */
    record Result(List<Rule> rules, List<Problem> problems) {
    }

    Result parse(BatonConfig config) {
        Map<String, Map<String, String>> byRule = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        config.settingsWithPrefix(Keys.RULES_PREFIX).forEach((key, setting) -> {
            String rest = key.substring(Keys.RULES_PREFIX.length());
            int dot = rest.lastIndexOf('.');
            String property = dot < 0 ? "" : rest.substring(dot + 1);
            if (dot <= 0 || !PROPERTIES.contains(property)) {
                problems.add(problem(key, setting.value(), "a key baton.rules.NAME.PROPERTY with PROPERTY one of "
                        + String.join(", ", new java.util.TreeSet<>(PROPERTIES))));
                return;
            }
            byRule.computeIfAbsent(rest.substring(0, dot), n -> new LinkedHashMap<>()).put(property, setting.value());
        });
        List<Rule> rules = new ArrayList<>();
        byRule.forEach((name, properties) -> {
            try {
                rules.add(rule(name, properties));
            } catch (RuleException e) {
                problems.add(e.problem);
            }
        });
        return new Result(rules, problems);
    }

    private static Rule rule(String name, Map<String, String> p) throws RuleException {
        String prefix = Keys.RULES_PREFIX + name + ".";
        String methodText = require(prefix, p, "method", "Class#method(type,...)");
        MethodTarget target = attempt(prefix + "method", methodText, "Class#method or Class#method(type,...)",
                () -> MethodSignature.parse(methodText));
        String actionText = require(prefix, p, "action", "one of lock, retry, offload");
        Rule.Action action = attempt(prefix + "action", actionText, "one of lock, retry, offload",
                () -> Rule.Action.valueOf(actionText.trim().toUpperCase(Locale.ROOT)));
        ArgumentExpression key = optional(prefix + "key", p.get("key"), "argN, argN.method or a ${argN} template",
                ArgumentExpression::parse);
        ArgumentExpression done = optional(prefix + "done", p.get("done"), "a path template such as /x/${arg0}/ok",
                ArgumentExpression::parse);
        Duration timeout = optional(prefix + "timeout", p.get("timeout"), ValueType.DURATION_TYPE.accepted(),
                ValueType.DURATION_TYPE::parse);
        String onTimeout = optional(prefix + "onTimeout", p.get("onTimeout"), "one of proceed, fail",
                ValueType.oneOf("proceed", "fail")::parse);
        Integer attempts = optional(prefix + "attempts", p.get("attempts"), "a whole number from 1 to 100",
                ValueType.intRange(1, 100)::parse);
        Duration deadline = optional(prefix + "deadline", p.get("deadline"), ValueType.DURATION_TYPE.accepted(),
                ValueType.DURATION_TYPE::parse);
        List<String> retryOn = p.containsKey("retryOn") ? ValueType.LIST.parse(p.get("retryOn")) : List.of();
        if (action == Rule.Action.RETRY && retryOn.isEmpty()) {
            throw new RuleException(problem(prefix + "retryOn", "", "exception class names to retry on (required"
                    + " with action=retry)"));
        }
        if (action != Rule.Action.LOCK && (key != null || done != null)) {
            throw new RuleException(problem(prefix + (key != null ? "key" : "done"), p.getOrDefault("key",
                    p.get("done")), "no key or done with action=" + actionText.trim() + " (they belong to action=lock)"));
        }
        return new Rule(name, target, action, key, done, retryOn, timeout, onTimeout == null ? "fail" : onTimeout,
                attempts == null ? DEFAULT_ATTEMPTS : attempts, deadline == null ? DEFAULT_DEADLINE : deadline);
    }

    private static String require(String prefix, Map<String, String> p, String property, String accepted)
            throws RuleException {
        String value = p.get(property);
        if (value == null || value.isBlank()) {
            throw new RuleException(problem(prefix + property, "", accepted + " (required)"));
        }
        return value;
    }

    private static <T> T optional(String key, String value, String accepted, Parser<T> parser) throws RuleException {
        return value == null ? null : attempt(key, value, accepted, () -> parser.parse(value));
    }

    private static <T> T attempt(String key, String value, String accepted, Attempt<T> attempt)
            throws RuleException {
        try {
            return attempt.run();
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
            throw new RuleException(problem(key, value, accepted + why));
        }
    }

    private static Problem problem(String key, String value, String accepted) {
        return new Problem(key, "rules", "invalid rule " + key + "=" + value + ": expected " + accepted);
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse(String value);
    }

    @FunctionalInterface
    private interface Attempt<T> {
        T run();
    }

    private static final class RuleException extends Exception {
        private static final long serialVersionUID = 1L;
        final transient Problem problem;

        RuleException(Problem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }
    }
}
