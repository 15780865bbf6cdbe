package dev.baton.cli.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.baton.jfr.BatonEvents;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.Period;

/** baton.jfc parses as JFR settings and turns every Baton event on explicitly. */
class BatonJfcTest {
    @Test
    void enablesEveryBatonEventExplicitly() throws Exception {
        Map<String, String> settings = Recordings.batonSettings().getSettings();
        for (Class<? extends Event> type : BatonEvents.ALL) {
            String name = type.getAnnotation(Name.class).value();
            // Without an explicit enabled=true JFR drops the threshold/period when another recording runs too.
            assertEquals("true", settings.get(name + "#enabled"), name + "#enabled");
            String timing = type.isAnnotationPresent(Period.class) ? "#period" : "#threshold";
            assertTrue(settings.containsKey(name + timing), name + timing + " in " + settings);
        }
    }

    @Test
    void jfcCommandPrintsTheSettingsShippedInTheJar() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new JfcCommand().run(List.of(), new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, status);
        assertArrayEquals(Files.readAllBytes(Path.of("src/main/resources/dev/baton/cli/report/baton.jfc")),
                out.toByteArray());
    }
}
