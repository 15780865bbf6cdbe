package dev.baton.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.testsupport.Installed;

/**
 * Renders the HTML report of a real recording in headless Chromium (Debian's {@code chromium} package) and checks
 * the screenshot shows a page with the timeline's colours in it. The page and screenshot are kept in
 * target/html-report-test/ for a human to look at.
 */
class HtmlScreenshotTest {
    /** Debian's, Ubuntu's and Google's names for the browser. */
    static final String[] CHROMIUM_NAMES = {"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"};
    static final int WIDTH = 1200;
    static final int HEIGHT = 900;

    @TempDir
    Path dir;

    @Test
    void reportRendersInHeadlessChromium() throws Exception {
        Optional<Path> chromium = Installed.program(CHROMIUM_NAMES);
        assumeTrue(chromium.isPresent(), "Chromium not found (" + String.join(", ", CHROMIUM_NAMES)
                + " on the PATH or in /usr/bin, /snap/bin...): the HTML report is not rendered; install with:"
                + " apt-get install -y chromium");
        Path out = Files.createDirectories(Path.of("target", "html-report-test")).toAbsolutePath();
        Path html = out.resolve("report.html");
        Path png = out.resolve("report.png");
        Files.deleteIfExists(png);
        Files.writeString(html, HtmlRenderer.render(RecordingReader.read(Recordings.knownEventsInProcess(dir))),
                StandardCharsets.UTF_8);

        screenshot(chromium.get(), html, png);

        assertTrue(Files.size(png) > 10_000, "screenshot of a real page is more than 10 KB, was " + Files.size(png));
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "not a readable PNG: " + png);
        assertEquals(WIDTH, image.getWidth());
        assertEquals(HEIGHT, image.getHeight());
        assertTrue(distinctColours(image) > 16, "screenshot is (nearly) one colour: " + png);
        // The timeline sits right below the contention table, inside the first screen. The legend shows each
        // colour once per pixel row; bars show it many times: 100 separate waits and 3 separate holds on the jar lane.
        int waitRuns = mostRunsInOnePixelRow(image, Color.decode(SvgTimeline.WAIT_COLOUR));
        int holdRuns = mostRunsInOnePixelRow(image, Color.decode(SvgTimeline.HOLD_COLOUR));
        assertTrue(waitRuns >= 10, "separate wait bars visible in one pixel row: " + waitRuns + " in " + png);
        assertTrue(holdRuns >= 3, "separate hold bars visible in one pixel row: " + holdRuns + " in " + png);
    }

    /**
     * Two processes recorded the same waits: each key of the timeline gets a lane per process, and in Chromium each
     * lane shows its own row of wait bars (who waited, and for whom, is the point of the timeline).
     */
    @Test
    void eachProcessGetsItsOwnLaneInHeadlessChromium() throws Exception {
        Optional<Path> chromium = Installed.program(CHROMIUM_NAMES);
        assumeTrue(chromium.isPresent(), "Chromium not found (" + String.join(", ", CHROMIUM_NAMES)
                + " on the PATH or in /usr/bin, /snap/bin...): the HTML report is not rendered; install with:"
                + " apt-get install -y chromium");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path first = Recordings.knownEventsInChild(java, Files.createDirectory(dir.resolve("first")));
        Path second = Recordings.knownEventsInChild(java, Files.createDirectory(dir.resolve("second")));
        Report report = RecordingReader.read(List.of(first, second));
        String page = HtmlRenderer.render(report);
        String svg = page.substring(page.indexOf("<svg"), page.indexOf("</svg>"));
        for (RecordingSource recording : report.recordings()) {
            assertTrue(recording.process().matches("pid \\d+"), "the recording names its process: " + recording);
            assertEquals(2, count(svg, ">" + recording.process() + "</text>"), "a lane on each of the 2 keys");
        }
        Path out = Files.createDirectories(Path.of("target", "html-report-test")).toAbsolutePath();
        Path html = out.resolve("two-processes.html");
        Path png = out.resolve("two-processes.png");
        Files.deleteIfExists(png);
        Files.writeString(html, page, StandardCharsets.UTF_8);

        screenshot(chromium.get(), html, png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "not a readable PNG: " + png);
        assertEquals(2, bandsWithManyRuns(image, Color.decode(SvgTimeline.WAIT_COLOUR), 10),
                "two lanes of the jar key, each a row of separate wait bars, in " + png);
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }

    /** Separate horizontal bands of pixel rows that each show at least {@code runs} runs of {@code colour}. */
    private static int bandsWithManyRuns(BufferedImage image, Color colour, int runs) {
        int bands = 0;
        boolean inBand = false;
        for (int y = 0; y < image.getHeight(); y++) {
            boolean many = runsInRow(image, y, colour) >= runs;
            if (many && !inBand) {
                bands++;
            }
            inBand = many;
        }
        return bands;
    }

    private void screenshot(Path browser, Path html, Path png) throws Exception {
        Path log = dir.resolve("chromium.log");
        Process chromium = new ProcessBuilder(List.of(browser.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectory(dir.resolve("profile")),
                "--screenshot=" + png, "--window-size=" + WIDTH + "," + HEIGHT, html.toUri().toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // A bound against a hung browser, not a timing assertion.
        if (!chromium.waitFor(3, TimeUnit.MINUTES)) {
            chromium.destroyForcibly();
            throw new AssertionError("chromium did not exit; output:\n" + Files.readString(log));
        }
        assertEquals(0, chromium.exitValue(), () -> "chromium failed; output:\n" + readQuietly(log));
        assertTrue(Files.exists(png), () -> "no screenshot written; output:\n" + readQuietly(log));
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y) & 0xffffff);
            }
        }
        return colours.size();
    }

    /** The most separate horizontal runs of {@code colour} (give or take a little colour drift) in a pixel row. */
    private static int mostRunsInOnePixelRow(BufferedImage image, Color colour) {
        int most = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            most = Math.max(most, runsInRow(image, y, colour));
        }
        return most;
    }

    private static int runsInRow(BufferedImage image, int y, Color colour) {
        int runs = 0;
        boolean inRun = false;
        for (int x = 0; x < image.getWidth(); x++) {
            boolean matches = close(new Color(image.getRGB(x, y)), colour);
            if (matches && !inRun) {
                runs++;
            }
            inRun = matches;
        }
        return runs;
    }

    private static boolean close(Color pixel, Color colour) {
        return Math.abs(pixel.getRed() - colour.getRed()) <= 6 && Math.abs(pixel.getGreen() - colour.getGreen()) <= 6
                && Math.abs(pixel.getBlue() - colour.getBlue()) <= 6;
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
