package dev.baton.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.baton.config.BatonConfig;
import dev.baton.core.HookCatalog;
import dev.baton.core.HookSpec;
import dev.baton.rules.RuleSpecs;

/** The shipped recipe files: each one parses as rule-style specs without a problem and names exact classes. */
class RecipesTest {
    @Test
    void everyShippedRecipeIsValidRuleSyntax() {
        for (Recipe recipe : Recipes.shipped()) {
            RuleSpecs.Parsed parsed = RuleSpecs.fromRecipe(recipe.name(), recipe.properties());
            assertEquals(java.util.List.of(), parsed.problems(), recipe.name());
            assertFalse(parsed.specs().isEmpty(), recipe.name());
            for (HookSpec spec : parsed.specs()) {
                assertEquals(HookSpec.Origin.RECIPE, spec.origin());
                assertEquals("lock", spec.action(), spec.describe());
                assertTrue(spec.target().descriptor() != null, "exact signature: " + spec.describe());
                // A recipe names the tool's own class: matching subtypes would read the header of every class the
                // JVM loads for recipes that are almost always unused; the exact name costs one hash lookup.
                assertFalse(spec.matchesSubtypes(), "exact class only: " + spec.describe());
            }
        }
    }

    @Test
    void recipesAreInTheCatalogUnlessTurnedOff() {
        HookCatalog on = HookCatalog.build(BatonConfig.load(null, Map.of(), Map.of()));
        assertTrue(on.specs().stream().anyMatch(s -> s.owner().equals("maven-wrapper")));
        HookCatalog off = HookCatalog.build(BatonConfig.load("recipes.maven-wrapper.enabled=false", Map.of(),
                Map.of()));
        assertFalse(off.specs().stream().anyMatch(s -> s.owner().equals("maven-wrapper")));
        assertTrue(off.specs().stream().anyMatch(s -> s.owner().equals("frontend-maven-plugin")));
    }
}
