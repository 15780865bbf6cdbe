package dev.baton.scan.suggest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.baton.scan.suggest.Suggestion.Confidence;
import dev.baton.scan.suggest.fixtures.ConstantPlace;
import dev.baton.scan.suggest.fixtures.DownloadIfMissing;

/** The analysis on small legacy-style classes, one idiom each (read as class files, never run). */
class SuggesterTest {
    private static final String FIXTURES = "dev.baton.scan.suggest.fixtures.";
    private static List<Suggestion> suggestions;

    @BeforeAll
    static void scanFixtures() throws IOException, URISyntaxException {
        Path classes = Path.of(DownloadIfMissing.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path fixtures = classes.resolve(ConstantPlace.class.getPackageName().replace('.', '/'));
        suggestions = new Suggester().suggest(List.of(fixtures)).suggestions();
        suggestions.forEach(s -> System.out.println(s.score() + " " + s.method() + " key=" + s.key() + " covered="
                + s.coveredBy() + "\n    " + s.reason()));
    }

    private static Suggestion forMethod(String classAndMethod) {
        for (Suggestion suggestion : suggestions) {
            if (suggestion.method().startsWith(FIXTURES + classAndMethod + "(")) {
                return suggestion;
            }
        }
        return null;
    }

    @Test
    void downloadIfMissingIsLockedOnTheTarget() {
        Suggestion fetch = forMethod("DownloadIfMissing#fetch");
        assertNotNull(fetch, "suggestions: " + suggestions);
        assertEquals(FIXTURES + "DownloadIfMissing#fetch(java.net.URI,java.nio.file.Path)", fetch.method());
        assertEquals("arg1", fetch.key());
        assertEquals(Confidence.HIGH, fetch.confidence());
        assertTrue(fetch.reason().contains("Files.exists(target)"), fetch.reason());
        assertTrue(fetch.reason().contains("download"), fetch.reason());
        assertTrue(fetch.reason().contains("DownloadIfMissing.java:"), fetch.reason());
    }

    @Test
    void theEnsureMethodIsSuggestedAndTheStepInsideIsCoveredByIt() {
        Suggestion ensure = forMethod("EnsureInstalled#ensure");
        Suggestion download = forMethod("EnsureInstalled#download");
        assertNotNull(ensure, "suggestions: " + suggestions);
        assertEquals("this.home", ensure.key());
        assertNull(ensure.coveredBy());
        assertTrue(ensure.recommended());
        assertNotNull(download);
        assertEquals(ensure.method(), download.coveredBy());
        assertTrue(suggestions.indexOf(ensure) < suggestions.indexOf(download), "outer first: " + suggestions);
    }

    @Test
    void aBooleanHelperThatSaysYesOnlyWhenThePathExistsIsTheCheck() {
        Suggestion install = forMethod("AskFirstInstaller#install");
        assertNotNull(install, "suggestions: " + suggestions);
        assertEquals("this.installDirectory", install.key(), "through the Layout built from the field");
        assertTrue(install.reason().startsWith("AskFirstInstaller#isInstalled -> File.exists(this.installDirectory)"),
                install.reason());
        assertTrue(install.reason().contains("when it is missing"), install.reason());
        assertNull(forMethod("AskFirstInstaller#isInstalled"), "the helper only checks");
    }

    @Test
    void aGetterOfAnArgumentIsTheKey() {
        Suggestion unpack = forMethod("SettingsGetter#unpackOnce");
        assertNotNull(unpack, "suggestions: " + suggestions);
        assertEquals("arg0.home", unpack.key());
    }

    @Test
    void aProcessStartedWhenItsOutputIsMissingIsLockedOnTheDirectory() {
        Suggestion npm = forMethod("NpmInstallOnce#installIfNeeded");
        assertNotNull(npm, "suggestions: " + suggestions);
        assertEquals("arg0", npm.key());
        assertTrue(npm.reason().contains("process start"), npm.reason());
    }

    @Test
    void aConstantPlaceGetsALockWithoutKey() {
        Suggestion refresh = forMethod("ConstantPlace#refresh");
        assertNotNull(refresh, "suggestions: " + suggestions);
        assertNull(refresh.key());
        assertTrue(refresh.properties().stream().noneMatch(line -> line.contains(".key=")));
    }

    @Test
    void validationsDispatchesAndUnrelatedPlacesAreNotRaces() {
        for (String method : List.of("NoRaces#copy", "NoRaces#remove", "NoRaces#writeAndVerify", "NoRaces#log")) {
            assertNull(forMethod(method), method + " is not a check-then-act race");
        }
    }

    @Test
    void rulesAreWrittenInTheRuleSyntax() {
        Suggestion fetch = forMethod("DownloadIfMissing#fetch");
        assertEquals(List.of(
                "baton.rules.DownloadIfMissing-fetch.method=" + FIXTURES
                        + "DownloadIfMissing#fetch(java.net.URI,java.nio.file.Path)",
                "baton.rules.DownloadIfMissing-fetch.action=lock",
                "baton.rules.DownloadIfMissing-fetch.key=arg1"), fetch.properties());
    }
}
