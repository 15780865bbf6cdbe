package dev.baton.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.baton.instrument.MethodTarget;

/**
 * One entry of the hook catalog: which method Baton rewrites and what it does there, as data. Presets (written by
 * features), recipes (shipped for known tools) and user rules are all hook specs; the installer, {@code scan},
 * {@code config}, the JFR events and the {@code recipes} command read the same list ({@link HookCatalog}). A spec
 * holds no code: the interceptor that carries out its action is built by the owning feature on first need.
 *
 * @param origin where the spec comes from
 * @param owner the declaring feature for presets ("sqlite"), the recipe's name for recipes, "rules" for user rules
 * @param name the spec's name within its owner: the rule's name for rules, the hook's name inside a recipe, a short
 *        name of the preset
 * @param target the method; presets name it exactly, rules and recipes also match overrides and implementations
 * @param action what the owner does there: "lock", "retry", "offload" for rule-style specs (rules and recipes); a
 *        feature's own interceptor kind for presets ("files-copy", "statement")
 * @param settings the rest, as written: rule-style {@code key}, {@code done}, {@code timeout}, {@code onTimeout},
 *        {@code retryOn}, {@code attempts}, {@code deadline}; a preset's parameters ("kind", "operation")
 */
public record HookSpec(Origin origin, String owner, String name, MethodTarget target, String action,
        Map<String, String> settings) {

    /** Where a spec comes from. */
    public enum Origin {
        /** Built into a feature (JDK, commons-io, sqlite-jdbc methods). */
        PRESET,
        /** Shipped with Baton for a known tool (a data file inside the agent), turned off by configuration. */
        RECIPE,
        /** Written by the user: {@code baton.rules.NAME.*}. */
        RULE
    }

    public HookSpec {
        if (origin == null || owner == null || name == null || target == null || action == null) {
            throw new IllegalArgumentException("origin, owner, name, target and action are required");
        }
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /**
     * A preset of {@code feature}. {@code descriptor} is a JVM descriptor, or null for every overload;
     * {@code settings} are name/value pairs.
     */
    public static HookSpec preset(String feature, String action, String className, String method, String descriptor,
            String... settings) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < settings.length; i += 2) {
            map.put(settings[i], settings[i + 1]);
        }
        return new HookSpec(Origin.PRESET, feature, action, new MethodTarget(className, method, descriptor), action,
                map);
    }

    /**
     * A preset setting: when the method's class is already loaded as Baton starts (java.nio.file.Files always is),
     * rewrite it only when the feature starts, that is when the first of its interceptors is needed. For a preset
     * whose method can matter only after another of the feature's hooks ran (a copy is a download only once a
     * network stream exists): every JVM that never gets there saves the retransformation.
     */
    public static final String REWRITE_LOADED = "rewriteLoaded";
    public static final String ON_FEATURE_START = "onFeatureStart";

    /** Whether an already loaded class of this spec waits for its feature's start to be rewritten. */
    public boolean rewritesLoadedClassOnFeatureStart() {
        return origin == Origin.PRESET && ON_FEATURE_START.equals(settings.get(REWRITE_LOADED));
    }

    /** A setting, or null when the spec has none of that name. */
    public String setting(String settingName) {
        return settings.get(settingName);
    }

    /**
     * How logs, scan, config and JFR name the spec: "sqlite" for a preset, "rule plugins", "recipe maven-wrapper"
     * (or "recipe maven-wrapper/createDist" when a recipe has several hooks named otherwise).
     */
    public String label() {
        return label(origin, owner, name);
    }

    /** The {@link #label()} of a spec of that origin, owner and name (for messages about a spec not yet built). */
    public static String label(Origin origin, String owner, String name) {
        switch (origin) {
            case RULE:
                return "rule " + name;
            case RECIPE:
                return "recipe " + (name.equals(owner) ? owner : owner + "/" + name);
            default:
                return owner;
        }
    }

    /**
     * Rules name a method where the user meets it, often on an interface or base class: they also rewrite the
     * overriding methods of subclasses and implementations. Presets and recipes name the exact class (a recipe names
     * the tool's own class, tested against the real artifact), so that the JVM pays one hash lookup per loaded class
     * for them, not a read of its supertypes.
     */
    public boolean matchesSubtypes() {
        return origin == Origin.RULE;
    }

    /** One line: the label, the method and the action with its settings, as config and recipes print it. */
    public String describe() {
        StringBuilder s = new StringBuilder(label()).append("  ").append(target).append("  action=").append(action);
        settings.forEach((settingName, value) -> s.append(' ').append(settingName).append('=').append(value));
        return s.toString();
    }
}
