package dev.baton.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@code java -jar baton-agent.jar recipes}: every shipped recipe, what it fixes, and whether it is active. */
class RecipesCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int recipes(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("recipes"));
        command.addAll(List.of(args));
        return BatonCli.run(command, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void listsEveryRecipeActiveByDefaultWithWhatItFixes() throws Exception {
        assertEquals(0, recipes(), err.toString());
        String text = out.toString(StandardCharsets.UTF_8);
        for (String name : List.of("maven-wrapper", "takari-wrapper-downloader", "frontend-maven-plugin",
                "download-maven-plugin", "ivy")) {
            assertTrue(text.contains(name + "  active"), text);
        }
        assertTrue(text.contains("hook:     org.apache.maven.wrapper.Installer#createDist("), text);
        assertTrue(text.contains("fixes:    apache/maven-wrapper#231"), text);
    }

    @Test
    void oneRecipeTurnedOffIsListedAsOffAndContributesNoHook() throws Exception {
        assertEquals(0, recipes("recipes.maven-wrapper.enabled=false"), err.toString());
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("maven-wrapper  off"), text);
        assertTrue(text.contains("frontend-maven-plugin  active"), text);
        assertTrue(!text.contains("Installer#createDist("), text);
    }

    @Test
    void allRecipesOff() throws Exception {
        assertEquals(0, recipes("recipes.enabled=false"), err.toString());
        assertTrue(!out.toString(StandardCharsets.UTF_8).contains("  active"), out.toString());
    }

    @Test
    void aSwitchNamingNoRecipeIsOneClearError() throws Exception {
        assertEquals(2, recipes("recipes.maven-wraper.enabled=false"));
        assertTrue(err.toString().contains("unknown recipe switch baton.recipes.maven-wraper.enabled: expected"
                + " baton.recipes.NAME.enabled with NAME one of download-maven-plugin, frontend-maven-plugin, ivy,"
                + " maven-wrapper, takari-wrapper-downloader"), err.toString());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("maven-wrapper  active"), "a typo turns off nothing");
    }
}
