package dev.baton.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.jfr.LockWaitEvent;
import jdk.jfr.Recording;

/** The HTML page of a real recording: escaped, self-contained, with the same tables and a timeline per key. */
class HtmlReportTest {
    @org.junit.jupiter.api.BeforeAll
    static void registerBatonEvents() {
        dev.baton.testsupport.BatonEventTypes.register();
    }

    @TempDir
    Path dir;

    private String html;

    @BeforeEach
    void render() throws Exception {
        html = HtmlRenderer.render(RecordingReader.read(Recordings.knownEventsInProcess(dir)));
    }

    @Test
    void recordedTextIsEscaped() {
        assertFalse(html.contains("<script"), "markup from a lock key must not reach the page");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;\\u000aline2"),
                "the key is shown, escaped");
    }

    @Test
    void loadsNothingFromElsewhere() {
        for (String fetching : List.of("<script", "<link", "<img", "<iframe", " src=", "href=", "url(", "@import")) {
            assertFalse(html.contains(fetching), "page contains " + fetching);
        }
        assertTrue(html.contains("<style>"), "CSS is inline");
    }

    @Test
    void hasTheSameSectionsAsTheText() {
        for (String title : List.of("What Baton did", "Lock contention by scope and key",
                "Lock waits by rule or feature", "Retries by cause",
                "Downloads", "Installs serialised", "SQLite write transactions that waited for the lock",
                "SQLite BUSY answers retried", "Offload", "Fallbacks by site", "Recordings",
                "Timeline of lock waits and holds, one lane per process")) {
            assertTrue(html.contains("<h2>" + title + "</h2>"), "section " + title);
        }
        assertTrue(html.contains("<td class=\"num\">99.00 ms</td>"), "p99 of the jar key");
        assertTrue(html.contains("<td class=\"num\">5.9 KiB</td>"), "bytes saved by coalescing");
    }

    @Test
    void timelineHasAHeaderRowPerContendedKeyAndALanePerProcess() {
        String svg = html.substring(html.indexOf("<svg"), html.indexOf("</svg>"));
        assertEquals(2, count(svg, "class=\"key\""), "rows: jar, nasty key (the database was held, never waited for)");
        assertEquals(2, count(svg, "class=\"lane\""), "one process recorded each key");
        assertEquals(102, count(svg, "class=\"wait\""), "100 jar waits + 2 nasty-key waits");
        assertEquals(3, count(svg, "class=\"hold\""), "3 jar holds above the 10 ms threshold");
        assertTrue(svg.contains("fill=\"" + SvgTimeline.WAIT_COLOUR + "\""), "legend and bars use the wait colour");
        assertTrue(svg.contains("fill=\"" + SvgTimeline.HOLD_COLOUR + "\""), "legend and bars use the hold colour");
        assertTrue(svg.contains(">wait for the lock</text>") && svg.contains(">lock held</text>"), "legend");
        assertTrue(svg.contains("pid " + ProcessHandle.current().pid() + ": wait 100.00 ms at +"),
                "hover title of the longest jar wait names the waiting process");
        assertTrue(svg.contains("held by 111@build-a"), "hover title names the holder");
    }

    @Test
    void timelineShowsTheBusiestKeysAndSaysWhatItLeftOut() throws Exception {
        int keys = SvgTimeline.MAX_KEYS + 5;
        Path file = dir.resolve("many-keys.jfr");
        try (Recording recording = new Recording(Recordings.batonSettings())) {
            recording.start();
            EventTiming timing = new EventTiming();
            for (int i = 1; i <= keys; i++) {
                LockWaitEvent wait = new LockWaitEvent();
                wait.scope = "download";
                wait.key = "key-" + i;
                wait.contended = true;
                timing.commit(wait, i * 1_000_000L, i * 1_000_000L);
            }
            recording.stop();
            recording.dump(file);
        }
        String page = HtmlRenderer.render(RecordingReader.read(file));
        String svg = page.substring(page.indexOf("<svg"), page.indexOf("</svg>"));
        assertEquals(SvgTimeline.MAX_KEYS, count(svg, "class=\"key\""));
        assertTrue(svg.contains(">download  key-" + keys + "   (1 wait,"), "the longest wait has a row");
        assertFalse(svg.contains(">download  key-1   ("), "the shortest wait has none");
        assertTrue(page.contains("5 of " + keys + " waits and holds are not drawn"), "the page says so");
    }

    @Test
    void titleCountsRecordingsInsteadOfListingThem() throws Exception {
        Path first = Recordings.knownEventsInProcess(Files.createDirectory(dir.resolve("a")));
        Path second = Recordings.knownEventsInProcess(Files.createDirectory(dir.resolve("b")));
        String page = HtmlRenderer.render(RecordingReader.read(List.of(first, second)));
        assertTrue(page.contains("<title>Baton report: 2 recordings</title>"), page);
        assertTrue(page.contains("<h1>Baton report: 2 recordings</h1>"), page);
    }

    private static int count(String text, String needle) {
        Matcher matcher = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
