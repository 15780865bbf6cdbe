package dev.baton.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real recordings made in this JVM with baton.jfc's settings, read back by name and reported. */
class ReportFromRecordingTest {
    @TempDir
    Path dir;

    @Test
    void aggregatesKnownEvents() throws Exception {
        KnownReport.assertMatches(RecordingReader.read(Recordings.knownEventsInProcess(dir)));
    }

    @Test
    void combinesTheRecordingsOfSeveralProcesses() throws Exception {
        Path first = Recordings.knownEventsInProcess(Files.createDirectory(dir.resolve("first")));
        Path second = Recordings.knownEventsInProcess(Files.createDirectory(dir.resolve("second")));
        Report report = RecordingReader.read(List.of(first, second));

        KeyContention jar = report.contention().get(0);
        assertEquals(KnownEvents.JAR_KEY, jar.key());
        assertEquals(200, jar.waits().count());
        assertEquals(KnownReport.ms(10_100), jar.waits().total());
        assertEquals(KnownReport.ms(99), jar.waits().p99(), "rank 198 of 1,1,2,2,...,100,100");
        assertEquals(List.of(new KeyContention.HolderCount("111@build-a", 80),
                new KeyContention.HolderCount("222@build-b", 40)), jar.topHolders());
        assertEquals(12_000, report.downloads().bytesSaved());
        assertEquals("2 recordings", report.title(), "two files of the same name are still two recordings");
    }

    @Test
    void textShowsTheNumbersOfEachSection() throws Exception {
        String text = text(RecordingReader.read(Recordings.knownEventsInProcess(dir)));
        List<String> lines = Arrays.asList(text.split("\n"));

        String jarRow = lineContaining(lines, KnownEvents.JAR_KEY);
        assertTrue(jarRow.matches(".*\\b100\\s+60%\\s+5\\.05 s\\s+50\\.00 ms\\s+99\\.00 ms\\s+100\\.00 ms\\s+"
                + "111@build-a \\(40\\), 222@build-b \\(20\\)\\s*"), jarRow);
        assertTrue(lineContaining(lines, KnownEvents.TIMEOUT).matches(".*\\s3\\s+download\\s+300\\.00 ms\\s*"),
                text);
        assertTrue(lineAfter(lines, "Downloads").matches("\\s+/cache/lib-1\\.0\\.jar\\s+" + Pattern.quote(KnownEvents.JAR_KEY)
                + "\\s+5\\s+2\\s+3\\s+0\\s+29\\.3 KiB\\s+5\\.9 KiB\\s*"), text);
        assertTrue(lineAfter(lines, "Installs serialised").matches("\\s+3\\s+2\\s+1\\.00 s\\s+750\\.00 ms\\s+1\\s*"),
                text);
        assertTrue(lineAfter(lines, "SQLite BUSY answers retried").matches("\\s+2\\s+8\\s+100\\.00 ms\\s+60\\.00 ms\\s+gave-up 1, ok 1"),
                text);
        assertTrue(lineContaining(lines, "database   " + KnownEvents.DB_KEY).matches(".*\\s+100\\s+0\\s+50\\.00 ms"
                + "\\s+99\\.00 ms\\s+100\\.00 ms\\s+200\\.00 ms\\s+2\\.00 ms\\s+2\\.00 ms\\s*"), text);
        assertTrue(lineContaining(lines, "operation  " + KnownEvents.MANAGED_OPERATION).matches(".*\\s+10\\s+4\\s+"
                + "0 ms\\s+0 ms\\s+0 ms\\s+50\\.00 ms\\s+5\\.00 ms\\s+5\\.00 ms\\s*"), text);
        assertTrue(lineContaining(lines, KnownEvents.DOWNLOAD_SITE).contains("java.io.IOException"), text);
        assertTrue(text.startsWith("Baton report: known.jfr\n"), text);
    }

    @Test
    void controlCharactersInKeysDoNotBreakTheTextTable() throws Exception {
        String text = text(RecordingReader.read(Recordings.knownEventsInProcess(dir)));
        assertTrue(text.contains("<script>alert('x')</script> & \"q\"\\u000aline2"), text);
        assertTrue(text.lines().noneMatch(line -> line.startsWith("line2")), text);
    }

    @Test
    void everySectionSaysNoneWithoutBatonEvents() throws Exception {
        Report report = RecordingReader.read(Recordings.withoutBatonEvents(dir));
        String text = text(report);
        assertEquals(0, report.batonEvents());
        long noneLines = text.lines().filter(line -> line.startsWith("  none: ")).count();
        // Every section but the list of recordings read.
        assertEquals(ReportTables.of(report).size() - 1, noneLines, text);
        assertEquals(9, noneLines, text);
    }

    private static String text(Report report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TextRenderer.render(report, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String lineContaining(List<String> lines, String text) {
        return lines.stream().filter(line -> line.contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no line contains " + text + " in\n" + String.join("\n", lines)));
    }

    /** The first data line of a one-row section: title, header, row. */
    private static String lineAfter(List<String> lines, String title) {
        int index = lines.indexOf(title);
        assertTrue(index >= 0, () -> "no section " + title);
        return lines.get(index + 2);
    }
}
