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
    private static final java.util.regex.Pattern ARGUMENT = java.util.regex.Pattern.compile("arg(\\d+)");
    private static final int DEFAULT_ATTEMPTS = 3;
    private static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);

    private final HookSpec.Origin origin;
    private final String owner;
    private final String keyPrefix;

    /**
     * @param owner the specs' owner ("rules", or the recipe's name)
     * @param keyPrefix what messages put before NAME.PROPERTY: "baton.rules." for user rules
     */
    RuleParser(HookSpec.Origin origin, String owner, String keyPrefix) {
        this.origin = origin;
        this.owner = owner;
        this.keyPrefix = keyPrefix;
    }

    /** Groups {@code NAME.PROPERTY} entries into specs, each checked by compiling it. */
    RuleSpecs.Parsed parse(Map<String, String> entries) {
        Map<String, Map<String, String>> byRule = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        entries.forEach((rest, value) -> {
            int dot = rest.lastIndexOf('.');
            String property = dot < 0 ? "" : rest.substring(dot + 1);
            if (dot <= 0 || !PROPERTIES.contains(property)) {
                String rule = dot <= 0 ? rest : rest.substring(0, dot);
                problems.add(problem(HookSpec.label(origin, owner, rule), keyPrefix + rest, value, "a key "
                        + keyPrefix + "NAME.PROPERTY with PROPERTY one of " + String.join(", ",
                        new TreeSet<>(PROPERTIES))));
                return;
            }
            byRule.computeIfAbsent(rest.substring(0, dot), n -> new LinkedHashMap<>()).put(property, value);
        });
        List<HookSpec> specs = new ArrayList<>();
        byRule.forEach((name, properties) -> {
            try {
                HookSpec spec = spec(name, properties);
                compile(spec, keyPrefix + name + ".");
                specs.add(spec);
            } catch (RuleException e) {
                problems.add(e.problem);
            }
        });
        return new RuleSpecs.Parsed(specs, problems);
    }

    private HookSpec spec(String name, Map<String, String> p) throws RuleException {
        String label = HookSpec.label(origin, owner, name);
        String prefix = keyPrefix + name + ".";
        String methodText = require(label, prefix, p, "method", "Class#method(type,...)");
        MethodTarget target = attempt(label, prefix + "method", methodText, "Class#method or Class#method(type,...)",
                () -> MethodSignature.parse(methodText));
        String action = require(label, prefix, p, "action", "one of lock, retry, offload").trim()
                .toLowerCase(Locale.ROOT);
        Map<String, String> settings = new LinkedHashMap<>();
        p.forEach((property, value) -> {
            if (!property.equals("method") && !property.equals("action")) {
                settings.put(property, value.trim());
            }
        });
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
        Rule.Action action = attempt(label, prefix + "action", actionText, "one of lock, retry, offload",
                () -> Rule.Action.valueOf(actionText.toUpperCase(Locale.ROOT)));
        ArgumentExpression key = optional(label, prefix + "key", p.get("key"),
                "argN, argN.member, this.member or a ${...} template", ArgumentExpression::parse);
        ArgumentExpression done = optional(label, prefix + "done", p.get("done"),
                "a path template such as /x/${arg0}/ok", ArgumentExpression::parse);
        Duration timeout = optional(label, prefix + "timeout", p.get("timeout"), ValueType.DURATION_TYPE.accepted(),
                ValueType.DURATION_TYPE::parse);
        String onTimeout = optional(label, prefix + "onTimeout", p.get("onTimeout"), "one of proceed, fail",
                ValueType.oneOf("proceed", "fail")::parse);
        Integer attempts = optional(label, prefix + "attempts", p.get("attempts"), "a whole number from 1 to 100",
                ValueType.intRange(1, 100)::parse);
        Duration deadline = optional(label, prefix + "deadline", p.get("deadline"),
                ValueType.DURATION_TYPE.accepted(), ValueType.DURATION_TYPE::parse);
        List<String> retryOn = p.containsKey("retryOn") ? ValueType.LIST.parse(p.get("retryOn")) : List.of();
        if (action == Rule.Action.RETRY && retryOn.isEmpty()) {
            throw new RuleException(problem(label, prefix + "retryOn", "", "exception class names to retry on"
                    + " (required with action=retry)"));
        }
        Integer publish = optional(label, prefix + "publish", p.get("publish"), "argN, the argument naming the file"
                + " the method writes", RuleParser::argumentIndex);
        Boolean coalesce = optional(label, prefix + "coalesce", p.get("coalesce"), "true or false",
                ValueType.BOOLEAN::parse);
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

    private static int argumentIndex(String text) {
        java.util.regex.Matcher m = ARGUMENT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not argN");
        }
        return Integer.parseInt(m.group(1));
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
        return value == null ? null : attempt(label, key, value, accepted, () -> parser.parse(value));
    }

    private static <T> T attempt(String label, String key, String value, String accepted, Attempt<T> attempt)
            throws RuleException {
        try {
            return attempt.run();
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? "" : " (" + e.getMessage() + ")";
            throw new RuleException(problem(label, key, value, accepted + why));
        }
    }

    /** A problem whose "feature" is the rule's label: only that rule is left out. */
    private static Problem problem(String label, String key, String value, String accepted) {
        return new Problem(key, label, "invalid rule " + key + "=" + value + ": expected " + accepted);
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
