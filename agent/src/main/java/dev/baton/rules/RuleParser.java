package dev.baton.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.baton.config.Problem;
import dev.baton.config.ValueType;
import dev.baton.core.HookSpec;
import dev.baton.instrument.MethodTarget;

/**
 * Reads rule-style hook specs ({@code NAME.PROPERTY=value}, for user rules and recipes alike) and compiles them into
 * {@link Rule}s. Every mistake is one line naming the key, the value and what is accepted; a broken rule is left
 * out and the other rules apply.
 */
final class RuleParser {
    static final Set<String> PROPERTIES = Set.of("method", "action", "key", "done", "retryOn", "timeout",
            "onTimeout", "attempts", "deadline", "publish", "coalesce");
    private static final int DEFAULT_ATTEMPTS = 3;
    private static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

    private final HookSpec.Origin origin;
    private final String owner;
    private final String keyPrefix;
    private final boolean compileNow;

    /**
     * @param owner the specs' owner ("rules", or the recipe's name)
     * @param keyPrefix what messages put before NAME.PROPERTY: "baton.rules." for user rules
     * @param compileNow whether {@link #parse} checks every setting by compiling it; shipped recipes are compiled
     *        by a unit test instead, and then only when an interceptor is first built, which spares every JVM the
     *        parsing of key templates and durations at premain
     */
    RuleParser(HookSpec.Origin origin, String owner, String keyPrefix, boolean compileNow) {
        this.origin = origin;
        this.owner = owner;
        this.keyPrefix = keyPrefix;
        this.compileNow = compileNow;
    }

    /**
     * Groups {@code NAME.PROPERTY} entries into specs, each checked by compiling it when {@code compileNow}. Loops,
     * not lambdas: this runs at premain, where each lambda costs a class.
     */
    RuleSpecs.Parsed parse(Map<String, String> entries) {
        Map<String, Map<String, String>> byRule = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            String rest = entry.getKey();
            int dot = rest.lastIndexOf('.');
            String property = dot < 0 ? "" : rest.substring(dot + 1);
            if (dot <= 0 || !PROPERTIES.contains(property)) {
                String rule = dot <= 0 ? rest : rest.substring(0, dot);
                problems.add(problem(HookSpec.label(origin, owner, rule), keyPrefix + rest, entry.getValue(), "a key "
                        + keyPrefix + "NAME.PROPERTY with PROPERTY one of " + String.join(", ",
                        new TreeSet<>(PROPERTIES))));
                continue;
            }
            String rule = rest.substring(0, dot);
            Map<String, String> properties = byRule.get(rule);
            if (properties == null) {
                properties = new LinkedHashMap<>();
                byRule.put(rule, properties);
            }
            properties.put(property, entry.getValue());
        }
        List<HookSpec> specs = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> rule : byRule.entrySet()) {
            try {
                HookSpec spec = spec(rule.getKey(), rule.getValue());
                if (compileNow) {
                    compile(spec, keyPrefix + rule.getKey() + ".");
                }
                specs.add(spec);
            } catch (RuleException e) {
                problems.add(e.problem);
            }
        }
        return new RuleSpecs.Parsed(specs, problems);
    }


    private HookSpec spec(String name, Map<String, String> p) throws RuleException {
        String label = HookSpec.label(origin, owner, name);
        String prefix = keyPrefix + name + ".";
        String methodText = require(label, prefix, p, "method", "Class#method(type,...)");
        MethodTarget target;
        try {
            target = MethodSignature.parse(methodText);
        } catch (RuntimeException e) {
            throw invalid(label, prefix + "method", methodText, "Class#method or Class#method(type,...)", e);
        }
        String action = require(label, prefix, p, "action", "one of lock, retry, offload").trim()
                .toLowerCase(Locale.ROOT);
        Map<String, String> settings = new LinkedHashMap<>();
        for (Map.Entry<String, String> property : p.entrySet()) {
            if (!property.getKey().equals("method") && !property.getKey().equals("action")) {
                settings.put(property.getKey(), property.getValue().trim());
            }
        }
        return new HookSpec(origin, owner, name, target, action, settings);
    }

    /** The typed rule of a rule-style spec; a spec that {@link #parse} accepted always compiles. */
    static Rule compile(HookSpec spec) {
        try {
            return compile(spec, spec.label() + ": ");
        } catch (RuleException e) {
            throw new IllegalArgumentException(e.problem.message(), e);
        }
    }

    private static Rule compile(HookSpec spec, String prefix) throws RuleException {
        String label = spec.label();
        Map<String, String> p = spec.settings();
        String actionText = spec.action();
        Rule.Action action;
        try {
            action = Rule.Action.valueOf(actionText.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw invalid(label, prefix + "action", actionText, "one of lock, retry, offload", e);
        }
        // Action, key and done (what recipes use) are parsed without lambdas, and each other parser is made only for
        // a setting that is there: a lambda costs a class the first time it is made, and a recipe's hook compiles
        // inside a short-lived tool's run.
        ArgumentExpression key = expression(label, prefix + "key", p.get("key"),
                "argN, argN.member, this.member or a ${...} template");
        ArgumentExpression done = expression(label, prefix + "done", p.get("done"),
                "a path template such as /x/${arg0}/ok");
        Duration timeout = p.get("timeout") == null ? null : optional(label, prefix + "timeout", p.get("timeout"),
                ValueType.DURATION_TYPE.accepted(), ValueType.DURATION_TYPE::parse);
        String onTimeout = p.get("onTimeout") == null ? null : optional(label, prefix + "onTimeout",
                p.get("onTimeout"), "one of proceed, fail", ValueType.oneOf("proceed", "fail")::parse);
        Integer attempts = p.get("attempts") == null ? null : optional(label, prefix + "attempts", p.get("attempts"),
                "a whole number from 1 to 100", ValueType.intRange(1, 100)::parse);
        Duration deadline = p.get("deadline") == null ? null : optional(label, prefix + "deadline",
                p.get("deadline"), ValueType.DURATION_TYPE.accepted(), ValueType.DURATION_TYPE::parse);
        List<String> retryOn = p.containsKey("retryOn") ? ValueType.LIST.parse(p.get("retryOn")) : List.of();
        if (action == Rule.Action.RETRY && retryOn.isEmpty()) {
            throw new RuleException(problem(label, prefix + "retryOn", "", "exception class names to retry on"
                    + " (required with action=retry)"));
        }
        Integer publish = p.get("publish") == null ? null : optional(label, prefix + "publish", p.get("publish"),
                "argN, the argument naming the file the method writes", RuleParser::argumentIndex);
        Boolean coalesce = p.get("coalesce") == null ? null : optional(label, prefix + "coalesce", p.get("coalesce"),
                "true or false", ValueType.BOOLEAN::parse);
        if (action != Rule.Action.LOCK && (publish != null || coalesce != null)) {
            throw new RuleException(problem(label, prefix + (publish != null ? "publish" : "coalesce"),
                    p.getOrDefault("publish", p.get("coalesce")), "no publish or coalesce with action=" + actionText
                    + " (they belong to action=lock)"));
        }
        if (action != Rule.Action.LOCK && (key != null || done != null)) {
            throw new RuleException(problem(label, prefix + (key != null ? "key" : "done"), p.getOrDefault("key",
                    p.get("done")), "no key or done with action=" + actionText + " (they belong to action=lock)"));
        }
        return new Rule(spec, action, key, done, retryOn, timeout, onTimeout == null ? "fail" : onTimeout,
                attempts == null ? DEFAULT_ATTEMPTS : attempts, deadline == null ? DEFAULT_DEADLINE : deadline,
                publish == null ? -1 : publish, coalesce != null && coalesce);
    }

    /** "arg2" -> 2. By hand: a regular expression compiled here would cost every JVM's start-up. */
    private static int argumentIndex(String text) {
        String t = text.trim();
        if (!t.startsWith("arg") || t.length() == 3) {
            throw new IllegalArgumentException("'" + text + "' is not argN");
        }
        for (int i = 3; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                throw new IllegalArgumentException("'" + text + "' is not argN");
            }
        }
        return Integer.parseInt(t.substring(3));
    }

    private static String require(String label, String prefix, Map<String, String> p, String property,
            String accepted) throws RuleException {
        String value = p.get(property);
        if (value == null || value.isBlank()) {
            throw new RuleException(problem(label, prefix + property, "", accepted + " (required)"));
        }
        return value;
    }

    private static <T> T optional(String label, String key, String value, String accepted, Parser<T> parser)
            throws RuleException {
        if (value == null) {
            return null;
        }
        try {
            return parser.parse(value);
        } catch (RuntimeException e) {
            throw invalid(label, key, value, accepted, e);
        }
    }

    private static ArgumentExpression expression(String label, String key, String value, String accepted)
            throws RuleException {
        if (value == null) {
            return null;
        }
        try {
            return ArgumentExpression.parse(value);
        } catch (RuntimeException e) {
            throw invalid(label, key, value, accepted, e);
        }
    }

    private static RuleException invalid(String label, String key, String value, String accepted, RuntimeException e) {
        String why = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
        return new RuleException(problem(label, key, value, accepted + why));
    }

    /** A problem whose "feature" is the rule's label: only that rule is left out. */
    private static Problem problem(String label, String key, String value, String accepted) {
        return new Problem(key, label, "invalid rule " + key + "=" + value + ": expected " + accepted);
    }

    @FunctionalInterface
    private interface Parser<T> {
        T parse(String value);
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
