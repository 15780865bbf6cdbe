package dev.baton.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jdk.jfr.Recording;

/** {@code java -jar baton-agent.jar report ...} and {@code jfc} through the command dispatcher. */
class ReportCliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void reportsARecordingAndWritesHtml() throws Exception {
        Path recording = emptyRecording();
        Path html = dir.resolve("out.html");
        assertEquals(0, run("report", recording.toString(), "--html", html.toString()), err::toString);
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Baton report: empty.jfr"), out::toString);
        assertTrue(Files.readString(html).startsWith("<!DOCTYPE html>"));
    }

    @Test
    void reportsSeveralRecordingsTogether() throws Exception {
        Path first = emptyRecording();
        Path second = Files.copy(first, dir.resolve("other.jfr"));
        assertEquals(0, run("report", first.toString(), second.toString()), err::toString);
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Baton report: empty.jfr, other.jfr"),
                out::toString);
    }

    @Test
    void missingFileIsAUsageError() throws Exception {
        assertEquals(2, run("report", dir.resolve("absent.jfr").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no such file"), err::toString);
    }

    @Test
    void notARecordingIsReportedNotThrown() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.jfr"), "not a recording");
        assertEquals(2, run("report", text.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot read"), err::toString);
    }

    @Test
    void htmlWithoutFileNameIsAUsageError() throws Exception {
        assertEquals(2, run("report", emptyRecording().toString(), "--html"));
    }

    @Test
    void helpListsReportAndJfc() throws Exception {
        assertEquals(0, run("--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("report   recording.jfr... [--html out.html]"), help);
        assertTrue(help.contains("jfc"), help);
    }

    private Path emptyRecording() throws Exception {
        Path file = dir.resolve("empty.jfr");
        try (Recording recording = new Recording()) {
            recording.start();
            recording.stop();
            recording.dump(file);
        }
        return file;
    }

    private int run(String... args) throws Exception {
        return BatonCli.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
