package dev.baton.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.baton.config.BatonConfig;
import dev.baton.config.Keys;
import dev.baton.config.Problem;
import dev.baton.core.HookSpec;

/**
 * Rule-style hook specs from text: user rules from the configuration, and the hooks of a recipe. Both use the same
 * properties ({@code method}, {@code action} = lock | retry | offload, {@code key}, {@code done}, {@code timeout},
 * {@code onTimeout}, {@code retryOn}, {@code attempts}, {@code deadline}) and the same checks; the interceptors of
 * both come from {@link RuleActions}.
 */
public final class RuleSpecs {
    /** The prefix of a recipe's hooks inside its data file: {@code rules.NAME.PROPERTY}, as after "baton.". */
    public static final String RECIPE_RULES_PREFIX = "rules.";

    /** Specs that passed every check, and one problem per rule left out. */
    public record Parsed(List<HookSpec> specs, List<Problem> problems) {
    }

    private RuleSpecs() {
    }

    /** User rules: {@code baton.rules.NAME.PROPERTY}, origin {@link HookSpec.Origin#RULE}, owner "rules". */
    public static Parsed fromConfig(BatonConfig config) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (Map.Entry<String, BatonConfig.Setting> setting : config.settingsWithPrefix(Keys.RULES_PREFIX).entrySet()) {
            entries.put(setting.getKey().substring(Keys.RULES_PREFIX.length()), setting.getValue().value());
        }
        return new RuleParser(HookSpec.Origin.RULE, RulesFeature.NAME, Keys.RULES_PREFIX, true).parse(entries);
    }

    /**
     * The entry point for recipes: the hooks of one recipe, origin {@link HookSpec.Origin#RECIPE}, owner
     * {@code recipe}. {@code properties} is the recipe's data file (a .properties resource inside the agent, loaded
     * by the recipes feature); its hooks are the keys {@code rules.NAME.PROPERTY} (the same properties as a user rule,
     * so a user can copy one into their configuration by prefixing "baton."), every other key is the recipe's own
     * metadata (tool, versions, bug, why) and is ignored here. Problems name keys as "recipe NAME: rules.HOOK.PROP".
     */
    public static Parsed fromRecipe(String recipe, Map<String, String> properties) {
        return recipe(recipe, properties, true);
    }

    /**
     * The hooks of a recipe shipped in the agent, for the catalog at start-up: like {@link #fromRecipe} but only
     * the structure (method, action) is read. The shipped files are checked in full by their unit test, and each
     * hook compiles when its interceptor is first built; every JVM Baton starts in is spared compiling settings of
     * tools it never loads.
     */
    public static Parsed fromShippedRecipe(String recipe, Map<String, String> properties) {
        return recipe(recipe, properties, false);
    }

    private static Parsed recipe(String recipe, Map<String, String> properties, boolean compileNow) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (Map.Entry<String, String> property : properties.entrySet()) {
            if (property.getKey().startsWith(RECIPE_RULES_PREFIX)) {
                entries.put(property.getKey().substring(RECIPE_RULES_PREFIX.length()), property.getValue());
            }
        }
        return new RuleParser(HookSpec.Origin.RECIPE, recipe, "recipe " + recipe + ": " + RECIPE_RULES_PREFIX,
                compileNow).parse(entries);
    }
}
