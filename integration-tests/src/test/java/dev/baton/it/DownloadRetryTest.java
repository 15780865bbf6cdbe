package dev.baton.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jdk.jfr.consumer.RecordedEvent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.baton.it.apps.DownloadProbe;
import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.CountingHttpServer;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.Recording;
import dev.baton.it.harness.RunningJvm;

/**
 * The README's retry claims, through the agent jar, against a loopback server that fails on purpose: where Baton owns
 * the request (a URL given to {@code copyURLToFile}, an {@code HttpRequest}) it retries 5xx and connection resets up
 * to {@code baton.download.retry.attempts}, starts no attempt after {@code baton.download.retry.deadline}, and when it
 * gives up the application gets what the call gives without Baton (the 503 response, the JDK's own exception), with
 * nothing published; a stream the application opened itself is never retried.
 *
 * <p>Both legs where the JDK's HTTP clients decide the outcome: how each reports a reset or a 503 (and whether it
 * silently repeats a request itself) is part of what "the natural exception" and "the expected number of requests"
 * mean. Counting attempts and the deadline is Baton's own logic: JDK 17 leg only.
 */
class DownloadRetryTest {
    private static final int SIZE = 256 * 1024;
    private static final String PROBE = DownloadProbe.class.getName();

    @TempDir
    Path work;

    private Jdk jdk;
    private CountingHttpServer server;
    private Path target;

    @BeforeEach
    void start() throws Exception {
        jdk = Jdk.target();
        server = new CountingHttpServer(SIZE, 16 * 1024 * 1024);
        target = Files.createDirectories(work.resolve("cache")).resolve("artifact.bin");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void onTheJdk17LegOnly() {
        Assumptions.assumeTrue(jdk.feature() == 17, "counting attempts and the deadline is Baton's own logic, the"
                + " same on every JDK: JDK 17 leg only");
    }

    /** The probe with Baton, {@code settings} added to its agent arguments (empty: the defaults). */
    private RunningJvm.Result withBaton(String idiom, String settings) throws Exception {
        return probe(idiom).agentArgs("lock.dir=" + work.resolve("locks") + settings).run(120);
    }

    private RunningJvm.Result withoutBaton(String idiom) throws Exception {
        return probe(idiom).named(idiom + "-without").withoutAgent().run(120);
    }

    private ChildJvm probe(String idiom) {
        return ChildJvm.on(jdk, work).named(idiom).classPath(Artifacts.classPath(Artifacts.testClasses(),
                Artifacts.samplesClassPath())).main(PROBE, idiom, server.uri("/artifact.bin"), target);
    }

    /** The probe's one line: {@code RESULT ...} or {@code FAILED class: message}. */
    private static String outcome(RunningJvm.Result result) {
        assertEquals(0, result.exitCode(), result.toString());
        return result.stdout().lines().filter(l -> l.startsWith("RESULT ") || l.startsWith("FAILED ")).findFirst()
                .orElseThrow(() -> new AssertionError("the probe reported nothing: " + result));
    }

    private void assertDownloaded(RunningJvm.Result result) throws Exception {
        assertTrue(outcome(result).startsWith("RESULT "), result.toString());
        assertEquals(server.sha256(), CountingHttpServer.sha256(Files.readAllBytes(target)));
    }

    /** Nothing published, and none of Baton's temp or lock files left beside the target. */
    private void assertNothingPublished() throws Exception {
        assertFalse(Files.exists(target), "a failed download published a file");
        try (var left = Files.list(target.getParent())) {
            assertEquals(0, left.count(), "files left beside the target");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http-client", "commons-io"})
    void serverErrorsAreRetriedUpToTheConfiguredAttempts(String idiom) throws Exception {
        onTheJdk17LegOnly();
        server.failNext(3);
        RunningJvm.Result result = withBaton(idiom, ",download.retry.attempts=4");
        assertDownloaded(result);
        assertEquals(4, server.requests(), "three 503 answers, then the file: " + server.counts());
    }

    /** 429 and any 5xx are worth another attempt; other answers are the server's last word: asked once. */
    @ParameterizedTest
    @CsvSource({"http-client,429,2", "commons-io,429,2", "http-client,500,2", "http-client,403,1",
            "commons-io,404,1"})
    void onlyTooManyRequestsAndServerErrorsAreRetried(String idiom, int status, int requests) throws Exception {
        onTheJdk17LegOnly();
        server.failNext(1, status);
        String result = outcome(withBaton(idiom, ""));
        assertEquals(requests, server.requests(), "HTTP " + status + ": " + server.counts());
        if (requests == 1) {
            assertFalse(result.contains("RESULT 200"), result);
            assertNothingPublished();
        } else {
            assertEquals(server.sha256(), CountingHttpServer.sha256(Files.readAllBytes(target)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"http-client", "commons-io"})
    void connectionResetsAreRetried(String idiom) throws Exception {
        server.resetNext(2);
        RunningJvm.Result result = withBaton(idiom, "");
        assertDownloaded(result);
        assertEquals(3, server.requests(), "two resets, then the file: " + server.counts());
    }

    /** A response cut by a reset after its first bytes: the request is Baton's, so it asks again, from the start. */
    @ParameterizedTest
    @ValueSource(strings = {"http-client", "commons-io"})
    void aBodyBrokenMidwayIsFetchedAgainWhole(String idiom) throws Exception {
        server.breakNextBodies(1);
        RunningJvm.Result result = withBaton(idiom, "");
        assertDownloaded(result);
        assertEquals(2, server.requests(), "one broken body, then the file: " + server.counts());
    }

    /**
     * Out of attempts, the application gets the server's last answer as its call would without Baton: HttpClient a
     * 503 response, copyURLToFile HttpURLConnection's IOException naming the status and the URL; the same line the
     * same probe prints without Baton. Baton published nothing (ofFile alone would have written the error body).
     */
    @ParameterizedTest
    @ValueSource(strings = {"http-client", "commons-io"})
    void outOfAttemptsTheApplicationGetsTheServersAnswer(String idiom) throws Exception {
        server.failNext(100);
        String withBaton = outcome(withBaton(idiom, ",download.retry.attempts=2"));
        assertEquals(2, server.requests(), server.counts());
        assertNothingPublished();
        String without = outcome(withoutBaton(idiom));
        assertEquals(without, withBaton, "what the application sees once Baton gives up");
        assertTrue(withBaton.contains("503"), withBaton);
    }

    /** The same for a server that keeps resetting the connection: the JDK's own exception, nothing published. */
    @ParameterizedTest
    @ValueSource(strings = {"http-client", "commons-io"})
    void outOfAttemptsAfterResetsTheApplicationGetsTheJdksException(String idiom) throws Exception {
        server.resetNext(1000);
        String withBaton = outcome(withBaton(idiom, ",download.retry.attempts=2"));
        assertTrue(withBaton.startsWith("FAILED "), withBaton);
        int batonRequests = server.requests();
        assertNothingPublished();
        String without = outcome(withoutBaton(idiom));
        int ownRequests = server.requests() - batonRequests;
        assertEquals(without, withBaton, "what the application sees once Baton gives up");
        assertEquals(2 * ownRequests, batonRequests, "two attempts, each asking as often as the client alone does: "
                + server.counts());
    }

    /**
     * A server that takes 1.5 s to answer 503, and a 1 s deadline with attempts to spare: the first failure arrives
     * after the deadline, so no second attempt starts.
     */
    @ParameterizedTest
    @ValueSource(strings = {"http-client", "commons-io"})
    void noAttemptStartsAfterTheDeadline(String idiom) throws Exception {
        onTheJdk17LegOnly();
        server.failSlowly(Duration.ofMillis(1500));
        server.failNext(100);
        String result = outcome(withBaton(idiom, ",download.retry.attempts=10,download.retry.deadline=1s"));
        assertTrue(result.contains("503"), result);
        assertEquals(1, server.requests(), server.counts());
        assertNothingPublished();
    }

    /**
     * A timeout is the application's own policy (a read timeout, a request timeout): the call fails when it runs out,
     * after one request, as without Baton. On main: Baton retried it, and a server that answered the second request
     * in time turned a 300 ms fail-fast into a success seconds later.
     */
    @ParameterizedTest
    @ValueSource(strings = {"commons-io-timeouts", "http-client-timeout"})
    void theApplicationsTimeoutIsNeverRetried(String idiom) throws Exception {
        onTheJdk17LegOnly();
        server.failSlowly(Duration.ofMillis(3000));
        server.failNext(1);
        String result = outcome(withBaton(idiom, ""));
        assertTrue(result.startsWith("FAILED ") && (result.contains("imeout") || result.contains("timed out")), result);
        assertEquals(1, server.requests(), server.counts());
        assertNothingPublished();
    }

    /**
     * A stream the application opened ({@code url.openStream()}) breaks midway: Baton cannot ask again for bytes the
     * application already holds, so the copy fails as it would without Baton, after one request, and no partial
     * file is published (without Baton the partial file stays: checked last, as the control).
     */
    @ParameterizedTest
    @ValueSource(strings = {"files-copy", "commons-io-stream"})
    void aCallerSuppliedStreamIsNeverRetried(String idiom) throws Exception {
        server.breakNextBodies(1);
        Path jfr = work.resolve("stream.jfr");
        String withBaton = outcome(probe(idiom).agentArgs("lock.dir=" + work.resolve("locks")).recordTo(jfr)
                .run(120));
        assertTrue(withBaton.startsWith("FAILED "), withBaton);
        assertEquals(1, server.requests(), "never retried: " + server.counts());
        // Re-reading the stream would make no request: what Baton did is in its recording.
        assertEquals(List.of(), Recording.events(jfr, "baton.Retry"), "a caller's stream was retried");
        RecordedEvent download = Recording.events(jfr, "baton.Download").get(0);
        assertEquals(1, download.getInt("attempts"));
        assertEquals("failed", download.getString("outcome"));
        assertNothingPublished();

        server.breakNextBodies(1);
        String without = outcome(withoutBaton(idiom));
        assertEquals(without, withBaton, "the copy's own exception");
        assertTrue(Files.exists(target) && Files.size(target) < SIZE, "control: without Baton a partial file stays");
    }
}
