package dev.baton.download;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.config.BatonConfig;
import dev.baton.config.Keys;
import dev.baton.core.BatonContext;

/**
 * {@code baton.download.ttl} lets a caller take any complete target younger than the ttl, whatever source it came
 * from. Such a reuse must not tell the callers queued behind it that the target now holds the reusing caller's
 * source: one that wants exactly that source (no ttl) would take another source's bytes for it and report success.
 * Three downloads of one target on the real lock service, queued in a known order (the in-process wait is fair).
 */
class TtlReuseTest {
    private static final DownloadSource A = DownloadSource.of(URI.create("http://127.0.0.1:9/a.bin"), null);
    private static final DownloadSource B = DownloadSource.of(URI.create("http://127.0.0.1:9/b.bin"), null);

    @TempDir
    Path temp;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private BatonContext context;

    @AfterEach
    void stop() throws Exception {
        threads.shutdownNow();
        threads.awaitTermination(30, TimeUnit.SECONDS);
        if (context != null) {
            context.lockService().close();
        }
    }

    @Test
    void aTargetTakenForItsAgeIsNeverPassedOffAsTheSourceAWaiterWants() throws Exception {
        context = new BatonContext(BatonConfig.load("lock.dir=" + temp.resolve("locks"), Map.of(), Map.of()), null);
        DownloadCoordinator exact = coordinator(Duration.ZERO);
        DownloadCoordinator anyYoungFile = coordinator(Duration.ofHours(1));
        Path target = Files.createDirectories(temp.resolve("cache")).resolve("tool.bin");

        CountDownLatch holderMayWrite = new CountDownLatch(1);
        AtomicReference<Thread> holding = new AtomicReference<>();
        CompletableFuture<DownloadCoordinator.Outcome> holder = run(exact, target, A, "bytes of a", holderMayWrite,
                holding);
        await().atMost(Duration.ofSeconds(30)).until(() -> waiting(holding.get())); // in its transfer, holding the lock
        AtomicReference<Thread> withTtl = new AtomicReference<>();
        CompletableFuture<DownloadCoordinator.Outcome> reuser = run(anyYoungFile, target, B, "bytes of b", null,
                withTtl);
        await().atMost(Duration.ofSeconds(30)).until(() -> waiting(withTtl.get()));
        AtomicReference<Thread> exactB = new AtomicReference<>();
        CompletableFuture<DownloadCoordinator.Outcome> wantsB = run(exact, target, B, "bytes of b", null, exactB);
        await().atMost(Duration.ofSeconds(30)).until(() -> waiting(exactB.get()));
        holderMayWrite.countDown();

        assertFalse(holder.get(30, TimeUnit.SECONDS).coalesced());
        assertTrue(reuser.get(30, TimeUnit.SECONDS).coalesced(), "with a ttl, a young target is taken as it is");
        DownloadCoordinator.Outcome outcome = wantsB.get(30, TimeUnit.SECONDS);
        assertEquals("bytes of b", Files.readString(target), "the caller that wants b gets b");
        assertFalse(outcome.coalesced());
    }

    private DownloadCoordinator coordinator(Duration ttl) {
        return new DownloadCoordinator(context.locks(), "fail", new DownloadRetry(1, Duration.ofSeconds(5)), ttl,
                context.config().get(Keys.DOWNLOAD_REUSE_WINDOW), context.startMillis());
    }

    /** One download on a thread of its own, which {@code started} names once it runs. */
    private CompletableFuture<DownloadCoordinator.Outcome> run(DownloadCoordinator coordinator, Path target,
            DownloadSource source, String content, CountDownLatch gate, AtomicReference<Thread> started) {
        CompletableFuture<DownloadCoordinator.Outcome> result = new CompletableFuture<>();
        threads.execute(() -> {
            started.set(Thread.currentThread());
            try {
                result.complete(coordinator.download(target, source, false, true, writing(content, gate)));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    /** The application's call: writes {@code content} into the file Baton gives it, once {@code gate} opens. */
    private static Transfer writing(String content, CountDownLatch gate) {
        return new Transfer(Transfer.Writes.IN_PLACE) {
            @Override
            long into(Path file) throws Throwable {
                if (gate != null) {
                    gate.await();
                }
                Files.writeString(file, content);
                return content.length();
            }

            @Override
            long deliver(Path file) {
                throw new AssertionError("the rename publishes on this file system");
            }
        };
    }

    private static boolean waiting(Thread thread) {
        return thread != null && (thread.getState() == Thread.State.WAITING
                || thread.getState() == Thread.State.TIMED_WAITING);
    }
}
