package dev.baton.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.baton.it.apps.FetchThenInstallApp;
import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.CountingHttpServer;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.LockWaits;
import dev.baton.it.harness.Recording;
import dev.baton.it.harness.RunningJvm;

/**
 * Eight careless fetchers (samples/CarelessFetcher) per idiom against a real, slow HTTP server on 127.0.0.1, all
 * filling one cache file at once: with Baton every process succeeds, one transfer completes (and where Baton owns
 * the request, one request is made), and a reader polling the target never sees a partial file.
 */
class DownloadTest {
    private static final int PROCESSES = 8;
    private static final int SIZE = 2 * 1024 * 1024;
    private static final String FETCHER = "dev.baton.samples.download.CarelessFetcher";
    private static final String PROBE = "dev.baton.it.apps.DownloadProbe";

    @TempDir
    Path work;

    private Jdk jdk;
    private CountingHttpServer server;

    @BeforeEach
    void start() throws Exception {
        jdk = Jdk.target();
        // About 3 s per transfer: longer than the start-up skew of eight JVMs on two cores, so they really overlap.
        server = new CountingHttpServer(SIZE, 700 * 1024);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ChildJvm fetcher(String idiom, Path target, boolean withAgent) {
        ChildJvm child = ChildJvm.on(jdk, work).named(idiom).classPath(Artifacts.samplesClassPath())
                .agentArgs("lock.dir=" + work.resolve("locks"))
                .main(FETCHER, idiom, server.uri("/artifact.bin"), target);
        return withAgent ? child : child.withoutAgent();
    }

    /**
     * What Baton saves per idiom, as the README states it. Where Baton owns the request (HttpClient, copyURLToFile)
     * the waiting processes never ask: one request in all. Where the application opened the stream itself
     * ({@code Files.copy(url.openStream(), ...)}, copyInputStreamToFile) every process has already sent its request
     * before Baton sees the copy: one transfer completes and the waiters abandon theirs, which saves bytes, not
     * requests.
     */
    private static boolean batonOwnsTheRequest(String idiom) {
        return idiom.equals("http-client") || idiom.equals("commons-io");
    }

    private static String outputs(List<RunningJvm> jvms) {
        StringBuilder all = new StringBuilder();
        for (RunningJvm jvm : jvms) {
            all.append("--- pid ").append(jvm.pid()).append(jvm.process().isAlive() ? " (running)"
                    : " (exit " + jvm.process().exitValue() + ")").append('\n').append(jvm.stdout())
                    .append(jvm.stderr());
        }
        return all.toString();
    }

    private static boolean waited(RunningJvm jvm) {
        return jvm.stderr().contains("[baton] waiting for the ");
    }

    /**
     * The first transfer stalls after 64 KiB until every other process waits for its lock: the eight overlap on any
     * machine, however slowly their JVMs start (a run where they happened to run one after another would prove
     * nothing), and the first one's publish is what the seven others find.
     */
    @ParameterizedTest
    @ValueSource(strings = {"files-copy", "http-client", "commons-io", "commons-io-stream"})
    void eightProcessesFillOneCacheFileOnceAndNobodySeesAPartialFile(String idiom) throws Exception {
        Path target = work.resolve("cache").resolve("artifact.bin");
        server.stallAfter(64 * 1024);
        PartialFileWatcher watcher = new PartialFileWatcher(target, SIZE);
        watcher.start();
        List<RunningJvm> fetchers = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            fetchers.add(fetcher(idiom, target, true).start());
        }
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> fetchers.stream().filter(DownloadTest::waited).count()
                    == PROCESSES - 1);
        } catch (ConditionTimeoutException e) {
            server.resume();
            throw new AssertionError("not every fetcher but one waited for the lock; server " + server.counts()
                    + "; the fetchers said:\n" + outputs(fetchers), e);
        }
        server.resume();
        for (RunningJvm fetcher : fetchers) {
            RunningJvm.Result result = fetcher.awaitExit(120);
            assertEquals(0, result.exitCode(), result.toString());
        }
        watcher.stop();
        assertEquals(server.sha256(), CountingHttpServer.sha256(Files.readAllBytes(target)));
        assertEquals(0, watcher.partialReads(), "a reader saw a partial file: " + watcher.lastPartial());
        assertEquals(1, server.completeTransfers(), server.counts());
        if (batonOwnsTheRequest(idiom)) {
            assertEquals(1, server.requests(), "the waiters must not even ask: " + server.counts());
        } else {
            assertEquals(PROCESSES, server.startedTransfers(), server.counts());
            assertEquals(PROCESSES - 1, server.abortedTransfers(), "the waiters abandon theirs: " + server.counts());
            assertTrue(server.bytesSent() < 2L * SIZE, "the abandoned transfers cost little: " + server.counts());
        }
        try (var left = Files.list(target.getParent())) {
            assertEquals(List.of(target), left.toList(), "no temp or lock file left");
        }
    }

    /**
     * The same run without Baton shows the bug this feature exists for (on one leg: proving it once is enough). The
     * rendezvous holds every response until all eight asked, so all eight transfer: exactly what it guarantees.
     */
    @ParameterizedTest
    @ValueSource(strings = {"http-client", "commons-io"})
    void withoutBatonTheSameRunDownloadsRepeatedly(String idiom) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(jdk.feature() == 17, "bug shown on the JDK 17 leg only");
        server.rendezvous(PROCESSES, Duration.ofSeconds(60));
        Path target = work.resolve("cache").resolve("artifact.bin");
        List<RunningJvm> fetchers = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            fetchers.add(fetcher(idiom, target, false).start());
        }
        for (RunningJvm fetcher : fetchers) {
            fetcher.awaitExit(120);
        }
        assertEquals(PROCESSES, server.completeTransfers(), "expected every process to download without Baton: "
                + server.counts());
    }

    /**
     * {@code baton.download.enabled=false} switches off downloads alone: eight processes fetching one URL each make
     * their own request and get their own response (the rendezvous holds every response until all eight asked, which
     * only unlocked, uncoalesced fetchers can reach), while the install feature in the same JVMs still takes over
     * their installer starts (a {@code baton.Install} event, no {@code baton.Download}).
     */
    @Test
    void withDownloadsDisabledEveryProcessFetchesForItselfAndInstallsStayCoordinated() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(jdk.feature() == 17, "which features a setting switches off is"
                + " Baton's own logic, the same on every JDK: JDK 17 leg only");
        server.rendezvous(PROCESSES, Duration.ofSeconds(60));
        Path target = work.resolve("cache").resolve("artifact.bin");
        Files.createDirectories(target.getParent());
        Path installDir = Files.createDirectories(work.resolve("install-dir"));
        Path installer = work.resolve("bin").resolve("quick-install");
        Files.createDirectories(installer.getParent());
        Files.writeString(installer, "#!/bin/sh\necho $$ >> installs.log\n");
        assertTrue(installer.toFile().setExecutable(true));
        Path jfr = work.resolve("disabled.jfr");
        List<RunningJvm> fetchers = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            String idiom = i % 2 == 0 ? "http-client" : "commons-io";
            ChildJvm child = ChildJvm.on(jdk, work).named("disabled-" + idiom).classPath(Artifacts.classPath(
                    Artifacts.testClasses(), Artifacts.samplesClassPath()))
                    .agentArgs("lock.dir=" + work.resolve("locks") + ",download.enabled=false")
                    .property("baton.install.commands", "quick-install")
                    .main(FetchThenInstallApp.class.getName(), idiom, server.uri("/artifact.bin"), target,
                            installDir, installer);
            fetchers.add((i == 0 ? child.recordTo(jfr) : child).start());
        }
        for (RunningJvm fetcher : fetchers) {
            RunningJvm.Result result = fetcher.awaitExit(120);
            assertEquals(0, result.exitCode(), result.toString());
            // The download's own line varies: unlocked writers of one file truncate each other, and commons-io's
            // delete-then-create may meet a peer's new file (FileAlreadyExistsException): the bug Baton fixes.
            List<String> reported = result.stdout().lines().filter(l -> l.startsWith("RESULT ")
                    || l.startsWith("FAILED ")).toList();
            assertEquals(2, reported.size(), result.toString());
            assertEquals("RESULT 0", reported.get(1), "the installer ran: " + result);
            assertFalse(LockWaits.waited(result.stderr(), "download"), "no download lock: " + result);
        }
        assertEquals(PROCESSES, server.requests(), "each process asks for itself: " + server.counts());
        assertEquals(PROCESSES, server.startedTransfers(), "and gets its own response: " + server.counts());
        assertEquals(List.of(), Recording.events(jfr, "baton.Download"), "downloads are not coordinated");
        assertEquals(1, Recording.events(jfr, "baton.Install").size(), "installs still are");
        assertEquals(PROCESSES, Files.readAllLines(installDir.resolve("installs.log")).size());
    }

    @Test
    void transientServerErrorsAreRetriedAndRecorded() throws Exception {
        server.failNext(2);
        Path target = work.resolve("cache").resolve("artifact.bin");
        Path jfr = work.resolve("retry.jfr");
        RunningJvm.Result result = fetcher("http-client", target, true).recordTo(jfr).run(120);
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(3, server.requests());
        assertEquals(server.sha256(), CountingHttpServer.sha256(Files.readAllBytes(target)));
        assertEquals(2, Recording.events(jfr, "baton.Retry").size());
        var download = Recording.events(jfr, "baton.Download").get(0);
        assertEquals(3, download.getInt("attempts"));
        assertEquals(SIZE, download.getLong("bytes"));
        assertEquals(server.uri("/artifact.bin").toString(), download.getString("url"));
    }

    @Test
    void sendAsyncIsCoordinatedOffTheCallersThread() throws Exception {
        Path target = work.resolve("cache").resolve("artifact.bin");
        Path jfr = work.resolve("async.jfr");
        RunningJvm.Result result = fetcher("http-client-async", target, true).recordTo(jfr).run(120);
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(server.sha256(), CountingHttpServer.sha256(Files.readAllBytes(target)));
        var download = Recording.events(jfr, "baton.Download").get(0);
        assertEquals("transferred", download.getString("outcome"));
        assertEquals("baton-download", download.getThread().getJavaName());
    }

    /**
     * A sendAsync given a handler for HTTP/2 server pushes is left to the JDK: Baton's own transfer could not hand
     * the server's pushes to the application's handler. On main Baton took the request and dropped the handler.
     */
    @Test
    void sendAsyncWithAPushPromiseHandlerIsLeftToTheJdk() throws Exception {
        Path target = work.resolve("cache").resolve("artifact.bin");
        Path jfr = work.resolve("push.jfr");
        RunningJvm.Result result = fetcher("http-client-push", target, true).recordTo(jfr).run(120);
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(server.sha256(), CountingHttpServer.sha256(Files.readAllBytes(target)));
        assertEquals(List.of(), Recording.events(jfr, "baton.Download"), "Baton stayed out of the request");
    }

    /** kill -9 of the holder mid-transfer, once the waiter surely waits for it. */
    @Test
    void aWaiterCompletesTheDownloadOfAKilledHolder() throws Exception {
        Path target = work.resolve("cache").resolve("artifact.bin");
        server.stallAfter(64 * 1024);
        RunningJvm holder = fetcher("commons-io", target, true).named("holder").start();
        await().atMost(Duration.ofSeconds(60)).until(() -> server.bytesSent() >= 64 * 1024);
        RunningJvm waiter = fetcher("commons-io", target, true).named("waiter").start();
        await().atMost(Duration.ofSeconds(60)).until(() -> waited(waiter));
        assertEquals(1, server.requests(), "the waiter must not have asked yet");
        holder.kill();
        server.resume();
        RunningJvm.Result result = waiter.awaitExit(120);
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(server.sha256(), CountingHttpServer.sha256(Files.readAllBytes(target)));
        try (var leftovers = Files.list(target.getParent())) {
            assertEquals(List.of(target), leftovers.toList(), "the killed holder's temp and lock files are gone");
        }
    }

    /**
     * HttpClient's ofFile alone writes an error page over a good file and, not truncating, leaves the old file's
     * tail after a shorter body. Under Baton only a 2xx body is published, and whole.
     */
    @Test
    void httpClientPublishesOnlyA2xxBodyAndNeverAnOldTail() throws Exception {
        Path target = Files.createDirectories(work.resolve("cache")).resolve("page.bin");
        byte[] old = new byte[300 * 1024];
        java.util.Arrays.fill(old, (byte) 'o');
        server.answer("/missing.bin", 404, "no such artefact");
        byte[] shorter = server.serve("/shorter.bin", 1000, 7);
        ChildJvm probe = ChildJvm.on(jdk, work).classPath(Artifacts.classPath(Artifacts.testClasses(),
                Artifacts.samplesClassPath())).agentArgs("lock.dir=" + work.resolve("locks"));

        Files.write(target, old);
        RunningJvm.Result notFound = probe.named("404").main(PROBE, "http-client", server.uri("/missing.bin"), target)
                .run(60);
        assertTrue(notFound.stdout().contains("RESULT 404"), notFound.toString());
        assertArrayEquals(old, Files.readAllBytes(target), "an error page replaced the good file");

        RunningJvm.Result ok = ChildJvm.on(jdk, work).classPath(Artifacts.classPath(Artifacts.testClasses(),
                Artifacts.samplesClassPath())).agentArgs("lock.dir=" + work.resolve("locks")).named("200")
                .main(PROBE, "http-client", server.uri("/shorter.bin"), target).run(60);
        assertTrue(ok.stdout().contains("RESULT 200"), ok.toString());
        assertArrayEquals(shorter, Files.readAllBytes(target), "the old file's tail survived a shorter body");

        if (jdk.feature() == 17) { // The same calls without Baton show both faults (proving it once is enough).
            Files.write(target, old);
            ChildJvm.on(jdk, work).classPath(Artifacts.classPath(Artifacts.testClasses(),
                    Artifacts.samplesClassPath())).withoutAgent().main(PROBE, "http-client",
                            server.uri("/shorter.bin"), target).run(60);
            assertEquals(old.length, Files.size(target), "without Baton the old tail stays");
        }
    }

    /** baton.download.ttl: a complete target younger than the TTL is used as it is, without a request. */
    @Test
    void aTargetYoungerThanTheTtlIsReusedWithoutARequest() throws Exception {
        Path target = Files.createDirectories(work.resolve("cache")).resolve("artifact.bin");
        Files.writeString(target, "fetched a minute ago");
        ChildJvm probe = ChildJvm.on(jdk, work).classPath(Artifacts.classPath(Artifacts.testClasses(),
                Artifacts.samplesClassPath()));
        RunningJvm.Result reused = probe.named("ttl").agentArgs("lock.dir=" + work.resolve("locks")
                + ",download.ttl=1h").main(PROBE, "http-client", server.uri("/artifact.bin"), target).run(60);
        assertTrue(reused.stdout().contains("RESULT 200"), reused.toString());
        assertEquals(0, server.requests(), server.counts());
        assertEquals("fetched a minute ago", Files.readString(target));

        Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.from(java.time.Instant.now()
                .minus(Duration.ofHours(2))));
        RunningJvm.Result stale = ChildJvm.on(jdk, work).classPath(Artifacts.classPath(Artifacts.testClasses(),
                Artifacts.samplesClassPath())).named("stale").agentArgs("lock.dir=" + work.resolve("locks")
                + ",download.ttl=1h").main(PROBE, "http-client", server.uri("/artifact.bin"), target).run(60);
        assertTrue(stale.stdout().contains("RESULT 200"), stale.toString());
        assertEquals(1, server.requests(), server.counts());
        assertEquals(server.sha256(), CountingHttpServer.sha256(Files.readAllBytes(target)));
    }

    /** Reads the target whenever it exists, as a concurrent consumer of the cache would. */
    private static final class PartialFileWatcher {
        private final Path target;
        private final int size;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger partialReads = new AtomicInteger();
        private final AtomicInteger completeReads = new AtomicInteger();
        private final AtomicReference<String> lastPartial = new AtomicReference<>();
        private final Thread thread;

        PartialFileWatcher(Path target, int size) {
            this.target = target;
            this.size = size;
            this.thread = new Thread(this::watch, "partial-file-watcher");
        }

        void start() {
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }

        int partialReads() {
            return partialReads.get();
        }

        int completeReads() {
            return completeReads.get();
        }

        String lastPartial() {
            return lastPartial.get();
        }

        private void watch() {
            while (running.get()) {
                try {
                    byte[] bytes = Files.readAllBytes(target);
                    if (bytes.length == size) {
                        completeReads.incrementAndGet();
                    } else {
                        partialReads.incrementAndGet();
                        lastPartial.set(bytes.length + " of " + size + " bytes");
                    }
                } catch (java.nio.file.NoSuchFileException notYet) {
                    Thread.onSpinWait();
                } catch (java.io.IOException e) {
                    lastPartial.set(e.toString());
                }
            }
        }
    }
}
