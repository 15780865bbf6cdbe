package dev.baton.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
    void everyShippedRecipeReadsAlikeAsPlainLinesAndAsProperties() {
        for (Recipe recipe : Recipes.shipped()) {
            String text = Recipes.text(recipe.name());
            Map<String, String> plain = Recipes.plainLines(text);
            assertNotNull(plain, recipe.name() + " is written as plain key=value lines");
            Map<String, String> properties = new java.util.HashMap<>();
            Recipes.asProperties(text).forEach((key, value) -> properties.put(key, value.strip()));
            assertEquals(properties, plain, recipe.name());
        }
    }

    @Test
    void anythingBeyondPlainLinesIsLeftToProperties() {
        assertEquals(Map.of("a", "b = c", "d", ""), Recipes.plainLines("# note\n ! other\n\na = b = c \r\nd=\n"));
        assertNull(Recipes.plainLines("a=one \\\n  two\n"), "continuation");
        assertNull(Recipes.plainLines("a\\u0041=b\n"), "escape");
        assertNull(Recipes.plainLines("a b=c\n"), "key ended by a space");
        assertNull(Recipes.plainLines("a:b\n"), "colon separator");
        assertNull(Recipes.plainLines("lonely\n"), "key without value");
        assertNull(Recipes.plainLines("=value\n"), "empty key");
        assertEquals(Map.of("a", "one two"), Recipes.asProperties("a=one \\\n  two\n"));
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
