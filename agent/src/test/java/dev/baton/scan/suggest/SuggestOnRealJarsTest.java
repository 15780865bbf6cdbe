package dev.baton.scan.suggest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.config.BatonConfig;
import dev.baton.core.HookCatalog;
import dev.baton.core.HookSpec;
import dev.baton.rules.RulesFeature;
import dev.baton.scan.suggest.Suggestion.Confidence;

/**
 * The analysis on the real third-party jars from Maven Central (copied to target/suggest-jars by the build): the
 * methods whose races were reproduced come first with the keys that fix them (real-tools.md), and a library without
 * such races gets few suggestions, all ranked low.
 */
class SuggestOnRealJarsTest {
    private static final Path JARS = Path.of("target/suggest-jars");

    private static Suggester.Result scan(String jar) throws IOException {
        Suggester.Result result = new Suggester().suggest(List.of(JARS.resolve(jar)));
        Map<Confidence, Long> counts = result.suggestions().stream()
                .collect(Collectors.groupingBy(Suggestion::confidence, Collectors.counting()));
        System.out.println(jar + ": " + result.suggestions().size() + " suggestion(s) " + counts + ", "
                + result.suggestions().stream().filter(Suggestion::recommended).count() + " recommended");
        return result;
    }

    @Test
    void mavenWrapperTopSuggestionIsTheKnownFix() throws IOException {
        List<Suggestion> suggestions = scan("maven-wrapper-3.3.4.jar").suggestions();
        Suggestion top = suggestions.get(0);
        assertEquals("org.apache.maven.wrapper.Installer#createDist(org.apache.maven.wrapper.WrapperConfiguration)",
                top.method());
        assertEquals("arg0.distribution", top.key());
        assertEquals(Confidence.HIGH, top.confidence());
        assertTrue(top.recommended());
        assertTrue(top.reason().contains("Files.notExists"), top.reason());
        assertTrue(top.reason().contains("Installer.java:"), top.reason());
        // The downloader's own check-then-act runs inside createDist: covered, not to be locked twice.
        assertEquals(List.of(top), suggestions.stream().filter(Suggestion::recommended).toList());
    }

    @Test
    void frontendPluginTopSuggestionsLockEachInstallAndEachDownloadedArchive() throws IOException {
        List<Suggestion> suggestions = scan("frontend-plugin-core-1.15.1.jar").suggestions();
        List<Suggestion> high = suggestions.stream().filter(s -> s.confidence() == Confidence.HIGH).toList();
        String lib = "com.github.eirslett.maven.plugins.frontend.lib.";
        // The shape of the hand-written recipe: install() per installDirectory, downloadFileIfMissing per archive.
        assertTrue(high.stream().anyMatch(s -> s.method().equals(lib + "NodeInstaller#install()")
                && "this.config.installDirectory".equals(s.key())), "high: " + high);
        assertTrue(high.stream().anyMatch(s -> s.method().equals(lib + "NodeInstaller#downloadFileIfMissing("
                + "java.lang.String,java.io.File,java.lang.String,java.lang.String,java.util.Map)")
                && "arg1".equals(s.key())), "high: " + high);
        for (Suggestion s : high) {
            boolean install = s.method().endsWith("#install()") && "this.config.installDirectory".equals(s.key());
            boolean archive = s.method().contains("#downloadFileIfMissing(") && "arg1".equals(s.key());
            assertTrue(install || archive, s.method() + " key " + s.key());
            assertTrue(s.recommended(), s.method());
        }
        assertEquals(high, suggestions.subList(0, high.size()), "high-confidence suggestions come first");
        // The steps inside install() (installNodeDefault, installNpm...) are covered by it.
        assertTrue(suggestions.stream().filter(s -> s.method().equals(lib + "NodeInstaller#installNodeDefault()"))
                .allMatch(s -> (lib + "NodeInstaller#install()").equals(s.coveredBy())), suggestions.toString());
    }

    @Test
    void commonsIoHasFewSuggestionsAllRankedLow() throws IOException {
        List<Suggestion> suggestions = scan("commons-io-2.20.0.jar").suggestions();
        assertTrue(suggestions.stream().noneMatch(s -> s.confidence() == Confidence.HIGH), suggestions.toString());
        List<Suggestion> recommended = suggestions.stream().filter(Suggestion::recommended).toList();
        assertTrue(recommended.size() <= 2, "recommended: " + recommended);
    }

    /** A method a recipe already locks gets no rule lines to paste, and no advice to paste is given for nothing. */
    @Test
    void aHookedMethodIsShownWithoutRulesToPaste() throws IOException {
        Suggester.Result result = new Suggester().suggest(List.of(JARS.resolve("maven-wrapper-3.3.4.jar")),
                (className, method, descriptor) -> "recipe maven-wrapper/" + method);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SuggestionReport.text(result, List.of("maven-wrapper-3.3.4.jar"), 1,
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("already hooked by recipe maven-wrapper/createDist: nothing to paste"), text);
        assertTrue(!text.contains("baton.rules."), "no rule to paste for a hooked method:\n" + text);
        assertTrue(!text.contains("Paste the rules"), "nothing left to paste:\n" + text);
    }

    @Test
    void thePropertiesFormatIsAValidBatonConfig(@TempDir Path dir) throws IOException {
        for (String jar : List.of("maven-wrapper-3.3.4.jar", "frontend-plugin-core-1.15.1.jar",
                "commons-io-2.20.0.jar")) {
            Suggester.Result result = new Suggester().suggest(List.of(JARS.resolve(jar)));
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            SuggestionReport.properties(result, List.of(jar), new PrintStream(text, true, StandardCharsets.UTF_8));
            Path file = Files.writeString(dir.resolve(jar + ".properties"), text.toString(StandardCharsets.UTF_8));
            BatonConfig config = BatonConfig.load(null, Map.of("baton.config", file.toString()), Map.of());
            HookCatalog catalog = HookCatalog.build(config, List.of(new RulesFeature()));
            assertEquals(List.of(), catalog.problems(), jar);
            List<HookSpec> rewritten = catalog.specs();
            long recommended = result.suggestions().stream().filter(Suggestion::recommended).count();
            assertEquals(recommended, rewritten.size(), jar + ": every recommended rule, and only those, is active");
        }
    }
}
