package dev.baton.recipes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.baton.config.BatonConfig;
import dev.baton.config.Keys;
import dev.baton.config.Problem;
import dev.baton.core.BatonContext;
import dev.baton.core.Feature;
import dev.baton.core.HookCatalog;
import dev.baton.rules.RuleActions;
import dev.baton.rules.RuleSpecs;

/**
 * Shipped recipes, active by default. Their hooks name exact classes, so a JVM that never loads the tool pays one
 * hash lookup per loaded class and nothing else. {@code baton.recipes.NAME.enabled=false} turns one off,
 * {@code baton.recipes.enabled=false} all of them.
 */
public final class RecipesFeature implements Feature {
    public static final String NAME = "recipes";
    private static final String ENABLED_SUFFIX = ".enabled";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean enabled(BatonConfig config) {
        return config.get(Keys.RECIPES_ENABLED);
    }

    @Override
    public void declare(BatonConfig config, HookCatalog.Declarations declarations) {
        List<Recipe> recipes = Recipes.shipped();
        Switches switches = switches(config, recipes);
        declarations.problems(switches.problems);
        for (Recipe recipe : recipes) {
            if (switches.isOn(recipe.name())) {
                RuleSpecs.Parsed parsed = RuleSpecs.fromShippedRecipe(recipe.name(), recipe.properties());
                declarations.addAll(parsed.specs());
                declarations.problems(parsed.problems());
            }
        }
    }

    @Override
    public Interceptors start(BatonContext context) {
        return RuleActions.interceptors(context);
    }

    /** Whether {@code recipe} is active in this configuration (the {@code recipes} command prints it). */
    public static boolean active(BatonConfig config, Recipe recipe) {
        // An invalid value of the feature's keys disables it in the agent (AgentStartup.canStart): never "active".
        return config.get(Keys.ENABLED) && config.get(Keys.RECIPES_ENABLED) && !config.isBroken(NAME)
                && switches(config, Recipes.shipped()).isOn(recipe.name());
    }

    /**
     * The per-recipe switches a configuration sets, and one problem per switch that names no recipe (the problem
     * belongs to that switch alone: a typo turns off no recipe).
     */
    static Switches switches(BatonConfig config, List<Recipe> recipes) {
        Set<String> names = new TreeSet<>();
        for (Recipe recipe : recipes) {
            names.add(recipe.name());
        }
        Switches switches = new Switches();
        for (Map.Entry<String, BatonConfig.Setting> entry : config.settingsWithPrefix(Keys.RECIPES_PREFIX).entrySet()) {
            String key = entry.getKey();
            if (key.equals(Keys.RECIPES_ENABLED.name())) {
                continue;
            }
            String rest = key.substring(Keys.RECIPES_PREFIX.length());
            String value = entry.getValue().value().strip().toLowerCase(Locale.ROOT);
            String recipe = rest.endsWith(ENABLED_SUFFIX) ? rest.substring(0, rest.length() - ENABLED_SUFFIX.length())
                    : null;
            if (recipe == null || !names.contains(recipe)) {
                switches.problems.add(new Problem(key, key, "unknown recipe switch " + key + ": expected "
                        + Keys.RECIPES_PREFIX + "NAME.enabled with NAME one of " + String.join(", ", names)));
            } else if (!value.equals("true") && !value.equals("false")) {
                switches.problems.add(new Problem(key, key, "invalid value " + key + "=" + entry.getValue().value()
                        + ": expected true or false"));
            } else if (value.equals("false")) {
                switches.off.add(recipe);
            }
        }
        return switches;
    }

    /** Recipes switched off, and problems of switches that name no recipe or have no boolean value. */
    static final class Switches {
        final Set<String> off = new TreeSet<>();
        final List<Problem> problems = new ArrayList<>();

        boolean isOn(String recipe) {
            return !off.contains(recipe);
        }
    }
}
