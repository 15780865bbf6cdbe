package dev.baton.cli;

import java.io.PrintStream;
import java.util.List;

import dev.baton.config.BatonConfig;
import dev.baton.config.Keys;
import dev.baton.core.HookCatalog;
import dev.baton.core.HookSpec;
import dev.baton.recipes.Recipe;
import dev.baton.recipes.Recipes;
import dev.baton.recipes.RecipesFeature;

/**
 * {@code recipes [AGENT-ARGS]}: the shipped recipes, what each fixes and locks, and whether it is active in the
 * configuration this JVM would have (arguments, {@code -Dbaton.*}, {@code BATON_*}, {@code baton.config}).
 */
final class RecipesCommand implements Command {
    @Override
    public String name() {
        return "recipes";
    }

    @Override
    public String usage() {
        return "[AGENT-ARGS]";
    }

    @Override
    public String summary() {
        return "list the shipped recipes (fixes for known tools) and which are active in this configuration";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        BatonConfig config = BatonConfig.load(args.isEmpty() ? null : String.join(",", args));
        HookCatalog catalog = HookCatalog.build(config);
        // As the agent does: a problem of the catalog (a recipe switch, a rule) counts before deciding what runs.
        catalog.problems().forEach(config::addProblem);
        List<HookSpec> specs = catalog.specs();
        for (Recipe recipe : Recipes.shipped()) {
            boolean active = RecipesFeature.active(config, recipe);
            out.println(recipe.name() + "  " + (active ? "active" : offBecause(config, recipe)));
            out.println("  tool:     " + recipe.tool());
            out.println("  versions: " + recipe.versions());
            out.println("  fixes:    " + recipe.bug());
            out.println("  locks:    " + recipe.locks());
            out.println("  key:      " + recipe.why());
            for (HookSpec spec : specs) {
                if (spec.origin() == HookSpec.Origin.RECIPE && spec.owner().equals(recipe.name())) {
                    out.println("  hook:     " + spec.target() + "  action=" + spec.action() + settings(spec));
                }
            }
            out.println();
        }
        // Every problem of the configuration, as config shows them: an invalid value elsewhere is still an error.
        return ConfigurationProblems.report(config, err);
    }

    private static String offBecause(BatonConfig config, Recipe recipe) {
        if (config.isBroken(RecipesFeature.NAME)) {
            return "off (invalid configuration of the recipes feature: see the error below)";
        }
        // Name the switch that did it, most general first: that is the one to change.
        if (!config.get(Keys.ENABLED)) {
            return "off (baton.enabled=false)";
        }
        if (!config.get(Keys.RECIPES_ENABLED)) {
            return "off (baton.recipes.enabled=false)";
        }
        return "off (baton.recipes." + recipe.name() + ".enabled=false)";
    }

    private static String settings(HookSpec spec) {
        StringBuilder text = new StringBuilder();
        spec.settings().forEach((name, value) -> text.append(' ').append(name).append('=').append(value));
        return text.toString();
    }
}
