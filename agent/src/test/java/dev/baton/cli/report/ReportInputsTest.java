package dev.baton.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the report makes of its inputs: damaged files, a file given twice, and the headline it opens with. */
class ReportInputsTest {
    @TempDir
    Path dir;

    @Test
    void aTruncatedRecordingIsNamedAndTheOthersStillCount() throws Exception {
        Path good = Recordings.knownEventsInProcess(Files.createDirectory(dir.resolve("good")));
        byte[] bytes = Files.readAllBytes(good);
        // A process killed while writing: the file ends in the middle of its only chunk.
        Path truncated = Files.write(dir.resolve("killed.jfr"), Arrays.copyOf(bytes, bytes.length - 100));

        Report report = RecordingReader.read(List.of(truncated, good));

        assertEquals(1, report.problems().size(), report.recordings().toString());
        assertEquals("killed.jfr", report.problems().get(0).name());
        assertNotNull(report.problems().get(0).problem());
        assertEquals(100, report.contention().get(0).waits().count(), "the good recording is reported in full");
        String text = text(report);
        assertTrue(text.contains("NOT READ COMPLETELY: killed.jfr ("), text);
    }

    @Test
    void theSameFileGivenTwiceIsReadOnce() throws Exception {
        Path recording = Recordings.knownEventsInProcess(dir);
        Path sameByAnotherName = dir.resolve("sub").resolve("..").resolve(recording.getFileName());
        Files.createDirectory(dir.resolve("sub"));

        Report report = RecordingReader.read(List.of(recording, recording, sameByAnotherName));

        assertEquals(100, report.contention().get(0).waits().count(), "each wait counted once");
        assertEquals(5, report.downloads().downloads());
        assertEquals(3, report.recordings().size());
        assertNull(report.recordings().get(0).duplicateOf());
        assertEquals("known.jfr", report.recordings().get(1).duplicateOf());
        assertEquals("known.jfr", report.recordings().get(2).duplicateOf());
        assertEquals("known.jfr", report.title());
    }

    @Test
    void theHeadlineSaysWhatBatonDid() throws Exception {
        Report report = RecordingReader.read(Recordings.knownEventsInProcess(dir));
        List<String> headline = Headline.of(report).stream().map(l -> l.topic() + ": " + l.text()).toList();
        assertEquals(List.of(
                "downloads: 3 transfers saved (5.9 KiB not fetched again): 5 download calls for 1 file made 2 transfers"
                        + " (29.3 KiB)",
                "installs: 2 of 3 package-manager runs waited for another one in the same directory (1.00 s in"
                        + " total) instead of running at the same time; 1 exited non-zero",
                "sqlite: 1 statement still failed with SQLITE_BUSY after the busy timeout (see SQLite BUSY answers);"
                        + " 3 write transactions waited for the write lock before starting (55.00 ms in total, longest"
                        + " 30.00 ms); 1 BUSY answer retried safely",
                "offload: 110 blocking calls of virtual threads kept the others running: 4 got a carrier of their own"
                        + " while blocked, 106 ran on Baton's pool or ended within 2 ms; longest queue wait 100.00 ms",
                "locks: 2 keys shared: 62 waits for another holder, 5.06 s waited on them in total",
                "retries: 5 failed attempts retried",
                "fallbacks: 3 times Baton failed inside a call and let it run as without Baton, at 2 sites (see"
                        + " Fallbacks by site)"), headline);
        String text = text(report);
        assertTrue(text.contains("\nWhat Baton did\n  downloads  3 transfers saved"), text);
    }

    @Test
    void copiesNobodyElseAskedForAreNotDownloads() throws Exception {
        String text = text(RecordingReader.read(Recordings.knownEventsInProcess(dir)));
        assertTrue(text.contains("Not counted as downloads: 1 copy of a stream into a file no other call asked for"
                + " (4.0 KiB)"), text);
        assertTrue(text.lines().noneMatch(line -> line.contains(KnownEvents.NATIVE_COPY)), text);
    }

    private static String text(Report report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TextRenderer.render(report, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
