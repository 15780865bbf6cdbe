package dev.baton.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.CountingHttpServer;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.Recording;
import dev.baton.it.harness.RunningJvm;

/**
 * Eight careless fetchers (samples/CarelessFetcher) per idiom against a real, slow HTTP server on 127.0.0.1, all
 * filling one cache file at once: with Baton every process succeeds, URL-owning idioms transfer once, and a reader
 * polling the target never sees a partial file.
 */
class DownloadTest {
    private static final int PROCESSES = 8;
    private static final int SIZE = 2 * 1024 * 1024;
    private static final String FETCHER = "dev.baton.samples.download.CarelessFetcher";

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

    @ParameterizedTest
    @ValueSource(strings = {"files-copy", "http-client", "commons-io", "commons-io-stream"})
    void eightProcessesFillOneCacheFileOnceAndNobodySeesAPartialFile(String idiom) throws Exception {
        Path target = work.resolve("cache").resolve("artifact.bin");
        PartialFileWatcher watcher = new PartialFileWatcher(target, SIZE);
        watcher.start();
        List<RunningJvm> fetchers = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            fetchers.add(fetcher(idiom, target, true).start());
        }
        for (RunningJvm fetcher : fetchers) {
            RunningJvm.Result result = fetcher.awaitExit(120);
            assertEquals(0, result.exitCode(), result.toString());
        }
        watcher.stop();
        assertEquals(server.sha256(), CountingHttpServer.sha256(Files.readAllBytes(target)));
        assertEquals(0, watcher.partialReads(), "a reader saw a partial file: " + watcher.lastPartial());
        assertTrue(watcher.completeReads() > 0 || Files.size(target) == SIZE);
        if (idiom.equals("http-client") || idiom.equals("commons-io")) {
            assertEquals(1, server.completeTransfers(), "requests " + server.requests());
        }
    }

    /** The same run without Baton shows the bug this feature exists for (on one leg: proving it once is enough). */
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
        assertTrue(server.completeTransfers() > 1, "expected duplicate downloads without Baton, got "
                + server.completeTransfers());
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

    @Test
    void aWaiterCompletesTheDownloadOfAKilledHolder() throws Exception {
        Path target = work.resolve("cache").resolve("artifact.bin");
        RunningJvm holder = fetcher("commons-io", target, true).named("holder").start();
        await().atMost(Duration.ofSeconds(60)).until(() -> server.bytesSent() > 0);
        RunningJvm waiter = fetcher("commons-io", target, true).named("waiter").start();
        await().atMost(Duration.ofSeconds(60)).until(() -> waiter.stderr().contains("wait")
                || waiter.process().isAlive() && server.requests() == 1);
        holder.kill();
        RunningJvm.Result result = waiter.awaitExit(120);
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(server.sha256(), CountingHttpServer.sha256(Files.readAllBytes(target)));
        try (var leftovers = Files.list(target.getParent())) {
            assertEquals(List.of(target), leftovers.toList(), "temp files of the killed holder were not cleaned");
        }
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
