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
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Baton report: 2 recordings\n"), out::toString);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("other.jfr"), "listed under Recordings");
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
        assertEquals(2, run("report", emptyRecording().toString(), "--html="));
        assertEquals("", out.toString(StandardCharsets.UTF_8), "no report before the usage error");
    }

    @Test
    void anUnwritableHtmlFileIsReportedBeforeReading() throws Exception {
        Path recording = emptyRecording();
        assertEquals(2, run("report", recording.toString(), "--html", dir.resolve("no/such/dir/r.html").toString()));
        assertEquals(2, run("report", recording.toString(), "--html", dir.toString()));
        assertEquals(2, run("report", recording.toString(), "--html", dir.resolve("other.jfr").toString()));
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing printed before the usage error");
        String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains("no such directory"), errors);
        assertTrue(errors.contains("is a directory"), errors);
        assertTrue(errors.contains("would overwrite a recording"), errors);
    }

    @Test
    void aDamagedRecordingAmongGoodOnesIsNamedAndTheReportStillWritten() throws Exception {
        Path good = emptyRecording();
        Path damaged = Files.writeString(dir.resolve("damaged.jfr"), "FLR\0 not really");
        Path html = dir.resolve("out.html");
        assertEquals(1, run("report", good.toString(), damaged.toString(), "--html", html.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("damaged.jfr could not be read completely"),
                err::toString);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("NOT READ COMPLETELY: damaged.jfr"), out::toString);
        assertTrue(Files.readString(html).contains("Not read completely: damaged.jfr"));
    }

    @Test
    void noArgumentsPrintsTheUsage() throws Exception {
        assertEquals(0, run());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Commands:"), out::toString);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Exit status:"), out::toString);
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
