package dev.baton.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * The effective configuration: for every key the winning raw value, its source and its typed value.
 *
 * <p>Precedence: agent arguments &gt; system properties {@code baton.*} &gt; environment {@code BATON_*} &gt; the
 * properties file named by {@code baton.config} &gt; defaults. An invalid value falls back to the default, and its
 * feature is reported broken; an unknown key is a warning that names the closest known key.
 */
public final class BatonConfig {
    /** A raw value and where it came from. */
    public record Setting(String value, Source source) {
    }

    private final Map<String, Setting> raw;
    private final Map<Key<?>, Object> typed = new HashMap<>();
    private final List<Problem> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    private BatonConfig(Map<String, Setting> raw) {
        this.raw = raw;
    }

    /** The configuration this JVM sees. */
    public static BatonConfig load(String agentArgs) {
        // Loops rather than lambdas throughout: this runs at premain of every JVM, where each lambda costs a class.
        Map<String, String> properties = new HashMap<>();
        for (Map.Entry<Object, Object> property : System.getProperties().entrySet()) {
            properties.put(String.valueOf(property.getKey()), String.valueOf(property.getValue()));
        }
        return load(agentArgs, properties, System.getenv());
    }

    /** Resolves the configuration from explicit sources; the file named by baton.config is read from disk. */
    public static BatonConfig load(String agentArgs, Map<String, String> systemProperties, Map<String, String> env) {
        Map<String, Setting> raw = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        Map<Source, Map<String, String>> sources = new LinkedHashMap<>();
        sources.put(Source.AGENT_ARGS, AgentArgs.parse(agentArgs));
        sources.put(Source.SYSTEM_PROPERTY, withPrefix(systemProperties));
        sources.put(Source.ENVIRONMENT, fromEnvironment(env, unknown));

        BatonConfig partial = new BatonConfig(raw);
        for (Map.Entry<Source, Map<String, String>> source : sources.entrySet()) {
            for (Map.Entry<String, String> setting : source.getValue().entrySet()) {
                raw.putIfAbsent(setting.getKey(), new Setting(setting.getValue(), source.getKey()));
            }
        }
        Setting file = raw.get(Keys.CONFIG_FILE.name());
        if (file != null && !file.value().isBlank()) {
            partial.readFile(Path.of(file.value().trim()), raw);
        }
        partial.resolve(unknown);
        return partial;
    }

    private static Map<String, String> withPrefix(Map<String, String> properties) {
        Map<String, String> result = new TreeMap<>();
        for (Map.Entry<String, String> property : properties.entrySet()) {
            if (property.getKey().startsWith(Keys.PREFIX)) {
                result.put(property.getKey(), property.getValue());
            }
        }
        return result;
    }

    private static Map<String, String> fromEnvironment(Map<String, String> env, List<String> unknown) {
        // The names are made only when a BATON_ variable is set: spelling out every key's name at each premain
        // loops over a thousand characters, enough to get Character's methods compiled in every JVM.
        Map<String, String> byEnvName = null;
        Map<String, String> result = new TreeMap<>();
        for (Map.Entry<String, String> variable : env.entrySet()) {
            String name = variable.getKey();
            if (!name.startsWith("BATON_")) {
                continue;
            }
            if (byEnvName == null) {
                byEnvName = new HashMap<>();
                for (Key<?> key : Keys.all()) {
                    byEnvName.put(key.environmentName(), key.name());
                }
            }
            String key = byEnvName.get(name);
            if (key != null) {
                result.put(key, variable.getValue());
            } else {
                unknown.add(name);
            }
        }
        return result;
    }

    private void readFile(Path path, Map<String, Setting> raw) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(path)) {
            properties.load(reader);
        } catch (IOException e) {
            problems.add(new Problem(Keys.CONFIG_FILE.name(), "core",
                    "baton.config=" + path + ": cannot read the file (" + e + "); expected a readable properties file"));
            return;
        }
        for (String name : properties.stringPropertyNames()) {
            raw.putIfAbsent(AgentArgs.qualify(name.trim()), new Setting(properties.getProperty(name), Source.FILE));
        }
    }

    private void resolve(List<String> unknownEnvironment) {
        Set<String> known = new HashSet<>();
        for (Key<?> key : Keys.all()) {
            known.add(key.name());
            resolveKey(key);
        }
        for (String name : raw.keySet()) {
            // Rules and recipe switches are named by the user; their features check them.
            boolean named = name.startsWith(Keys.RULES_PREFIX) || name.startsWith(Keys.RECIPES_PREFIX);
            if (!known.contains(name) && !named) {
                warnings.add("unknown configuration key " + name + ignoredSuggestion(name, false));
            }
        }
        for (String env : unknownEnvironment) {
            warnings.add("unknown environment variable " + env + ignoredSuggestion(env, true));
        }
    }

    private static String ignoredSuggestion(String name, boolean environment) {
        String closest = Suggestions.closestKey(name, environment);
        return closest == null ? " (ignored)" : " (ignored); did you mean " + closest + "?";
    }

    private <T> void resolveKey(Key<T> key) {
        Setting setting = raw.get(key.name());
        if (setting == null) {
            typed.put(key, key.defaultValue());
            return;
        }
        try {
            typed.put(key, key.type().parse(setting.value()));
        } catch (RuntimeException e) {
            typed.put(key, key.defaultValue());
            problems.add(new Problem(key.name(), key.feature(), "invalid value " + key.name() + "=" + setting.value()
                    + " (from " + setting.source().label() + "): expected " + key.type().accepted()));
        }
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Key<T> key) {
        return (T) typed.get(key);
    }

    public Source sourceOf(Key<?> key) {
        Setting setting = raw.get(key.name());
        return setting == null || problemFor(key.name()) ? Source.DEFAULT : setting.source();
    }

    /** The value given for {@code key} if it was rejected as invalid (the default applies instead), else null. */
    public Setting rejected(Key<?> key) {
        return problemFor(key.name()) ? raw.get(key.name()) : null;
    }

    private boolean problemFor(String key) {
        for (Problem p : problems) {
            if (p.key().equals(key)) {
                return true;
            }
        }
        return false;
    }

    /** Raw settings whose keys start with the prefix (rules), highest precedence already applied. */
    public Map<String, Setting> settingsWithPrefix(String prefix) {
        Map<String, Setting> result = new TreeMap<>();
        for (Map.Entry<String, Setting> setting : raw.entrySet()) {
            if (setting.getKey().startsWith(prefix)) {
                result.put(setting.getKey(), setting.getValue());
            }
        }
        return result;
    }

    /** Mistakes that disable a feature (or stop the JVM with baton.onError=fail). */
    public List<Problem> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** Harmless oddities, such as unknown keys. */
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /** Adds a problem found later, by a feature that validates its own keys (rules, backends). */
    public void addProblem(Problem problem) {
        problems.add(problem);
    }

    public boolean isBroken(String feature) {
        for (Problem p : problems) {
            if (p.feature().equals(feature)) {
                return true;
            }
        }
        return false;
    }

    public String format(Key<?> key) {
        return formatValue(key);
    }

    @SuppressWarnings("unchecked")
    private <T> String formatValue(Key<T> key) {
        T value = (T) typed.get(key);
        if (value == null) {
            return key.defaultText();
        }
        return key.type().format(value);
    }
}
