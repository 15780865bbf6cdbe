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
import org.junit.jupiter.api.io.TempDir;

import dev.baton.jfr.BatonEvents;
import jdk.jfr.Configuration;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.Recording;

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
    void thresholdsHoldWhileAnotherRecordingRunsWithTheJdkDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("baton.jfr");
        try (Recording jdkDefaults = new Recording(Configuration.getConfiguration("default"));
             Recording baton = new Recording(Recordings.batonSettings())) {
            jdkDefaults.start();
            baton.start();
            KnownEvents.commitAll();
            baton.stop();
            baton.dump(file);
        }
        // Includes: the 5 ms hold and the 0.5 ms offload stay below baton.jfc's thresholds, everything else is in.
        KnownReport.assertMatches(RecordingReader.read(file));
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
