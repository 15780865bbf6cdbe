package dev.baton.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

class FallbackReporterTest {
    @org.junit.jupiter.api.BeforeAll
    static void registerBatonEvents() {
        dev.baton.testsupport.BatonEventTypes.register();
    }

    @TempDir
    Path dir;

    @Test
    void logsOncePerSiteAndRecordsEveryFailure() throws Exception {
        FallbackReporter reporter = new FallbackReporter();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        Path jfr = dir.resolve("fallback.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("baton.Fallback");
            recording.start();
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            reporter.failed("download Files#copy", new IllegalStateException("first"));
            reporter.failed("download Files#copy", new IllegalStateException("second"));
            reporter.failed("sqlite JDBC#createConnection", new IllegalArgumentException("third"));
            recording.stop();
            recording.dump(jfr);
        } finally {
            System.setErr(original);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("[baton] WARN download Files#copy failed inside Baton; the original call runs"
                + " unchanged (logged once per site): java.lang.IllegalStateException: first"), lines.get(0));
        List<RecordedEvent> events = RecordingFile.readAllEvents(jfr);
        assertEquals(3, events.size());
        assertEquals("second", events.get(1).getString("message"));
        assertEquals("java.lang.IllegalArgumentException", events.get(2).getString("exception"));
    }
}
