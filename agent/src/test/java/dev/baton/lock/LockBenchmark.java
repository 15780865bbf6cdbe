package dev.baton.lock;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import dev.baton.lock.file.FileBackendFixture;
import dev.baton.lock.postgres.PostgresBackendFixture;
import dev.baton.log.LogLevel;

/**
 * Lock benchmark (not a test), the same measurements for each backend, side by side in one run so that they are
 * compared under the same machine load: the file backend always, the PostgreSQL backend too with
 * {@code -Dbaton.lock.backend=postgres} (on a throwaway server on 127.0.0.1). Run with the test class path:
 * {@code java -cp <test classpath> dev.baton.lock.LockBenchmark}. Per backend:
 * <ul>
 * <li>uncontended acquire+release in one JVM (µs, median of batch means);</li>
 * <li>cross-process handoff: this JVM releases while a child JVM waits in the backend; the time from release to the
 * child's acquire returning, on the machine-wide monotonic clock (System.nanoTime is CLOCK_MONOTONIC on Linux);</li>
 * <li>crash recovery: a child holds the lock, this JVM waits, the child is killed (SIGKILL); the time from the kill
 * to this JVM's acquire returning (median of several kills);</li>
 * <li>postgres only: a vanished server (every server process stopped, SIGSTOP) noticed by a waiter: the time from
 * the stop to the waiter's failure, with the default baton.lock.postgres.serverTimeout.</li>
 * </ul>
 * Lines: {@code BENCH lock uncontended_us=... handoff_p50_ms=... handoff_p99_ms=... recovery_ms=...} (file),
 * {@code BENCH lock-postgres ...} with the same keys, and {@code BENCH lock-postgres-vanish server_timeout_s=...
 * noticed_s=...}.
 */
public final class LockBenchmark {
    private static final String SCOPE = "bench";
    private static final long UNCONTENDED_WARMUP_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final int UNCONTENDED_BATCHES = 21;
    private static final long UNCONTENDED_BATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    private static final int HANDOFF_WARMUP = 30;
    private static final int HANDOFF_ROUNDS = 300;
    private static final int RECOVERY_ROUNDS = 5;
    /** Time given to the waiter to block in the backend before the release, so the handoff is a real wake-up. */
    private static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private LockBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        LogLevel.set("warn"); // One "waiting for" line per contended round would swamp the output.
        System.out.printf("load average %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        List<String> lines = new ArrayList<>();
        try (BackendFixture files = new FileBackendFixture()) {
            lines.add(measure(files, "lock"));
        }
        if ("postgres".equals(System.getProperty("baton.lock.backend"))) {
            try (PostgresBackendFixture postgres = PostgresBackendFixture.start()) {
                lines.add(measure(postgres, "lock-postgres"));
                lines.add(vanish(postgres));
            }
        }
        lines.forEach(System.out::println);
    }

    private static String measure(BackendFixture backend, String benchName) throws Exception {
        Path dir = Files.createTempDirectory("baton-lock-bench");
        try (LockService locks = backend.service(dir.resolve("parent"))) {
            String name = backend.name();
            double uncontendedMicros = uncontended(locks);
            System.out.printf("[%s] uncontended acquire+release: %.2f us%n", name, uncontendedMicros);
            double[] handoff = handoff(locks, backend, dir.resolve("child"));
            System.out.printf("[%s] cross-process handoff: p50 %.3f ms, p99 %.3f ms, max %.3f ms (%d rounds)%n",
                    name, handoff[0], handoff[1], handoff[2], HANDOFF_ROUNDS);
            double[] recovery = recovery(locks, backend, dir.resolve("holder"));
            System.out.printf("[%s] crash recovery (kill -9 holder -> waiter acquires): median %.2f ms, max %.2f ms%n",
                    name, recovery[0], recovery[1]);
            return String.format("BENCH %s uncontended_us=%.2f handoff_p50_ms=%.3f handoff_p99_ms=%.3f"
                    + " recovery_ms=%.2f", benchName, uncontendedMicros, handoff[0], handoff[1], recovery[0]);
        } finally {
            delete(dir);
        }
    }

    /** Median of time-boxed batch means: robust against the other load a shared 2-core machine carries. */
    private static double uncontended(LockService locks) throws Exception {
        long warmUntil = System.nanoTime() + UNCONTENDED_WARMUP_NANOS;
        while (System.nanoTime() - warmUntil < 0) {
            locks.acquire(SCOPE, "uncontended", "bench", TimeoutPolicy.FAIL).close();
        }
        double[] batchMeans = new double[UNCONTENDED_BATCHES];
        for (int batch = 0; batch < UNCONTENDED_BATCHES; batch++) {
            long start = System.nanoTime();
            long elapsed;
            int count = 0;
            do {
                locks.acquire(SCOPE, "uncontended", "bench", TimeoutPolicy.FAIL).close();
                count++;
                elapsed = System.nanoTime() - start;
            } while (elapsed < UNCONTENDED_BATCH_NANOS);
            batchMeans[batch] = elapsed / 1000.0 / count;
        }
        Arrays.sort(batchMeans);
        return batchMeans[UNCONTENDED_BATCHES / 2];
    }

    /** Percentiles 50, 99 and the maximum, in ms. */
    private static double[] handoff(LockService locks, BackendFixture backend, Path childDir) throws Exception {
        long[] samples = new long[HANDOFF_ROUNDS];
        try (ChildJvm child = backend.child(childDir, "handoff")) {
            child.awaitLine("READY");
            for (int round = 0; round < HANDOFF_WARMUP + HANDOFF_ROUNDS; round++) {
                LockHandle lock = locks.acquire(SCOPE, "handoff", "bench", TimeoutPolicy.FAIL);
                child.send("wait");
                child.awaitLine("WAITING");
                LockSupport.parkNanos(SETTLE_NANOS);
                long released = System.nanoTime();
                lock.close();
                long acquired = Long.parseLong(child.awaitLine("ACQUIRED ").substring("ACQUIRED ".length()));
                if (round >= HANDOFF_WARMUP) {
                    samples[round - HANDOFF_WARMUP] = acquired - released;
                }
            }
            child.send("exit");
            child.awaitExit();
        }
        Arrays.sort(samples);
        return new double[] {millis(percentile(samples, 50)), millis(percentile(samples, 99)),
                millis(samples[samples.length - 1])};
    }

    /** The child half of {@link #handoff}: on "wait", announces and blocks in acquire, then reports the time. */
    static void handoffChild(LockService locks) throws IOException, InterruptedException {
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("READY");
        System.out.flush();
        for (String line = commands.readLine(); line != null && !line.equals("exit"); line = commands.readLine()) {
            System.out.println("WAITING");
            System.out.flush();
            long acquired;
            try (LockHandle lock = locks.acquire(SCOPE, "handoff", "bench", TimeoutPolicy.FAIL)) {
                acquired = System.nanoTime();
            }
            System.out.println("ACQUIRED " + acquired);
            System.out.flush();
        }
    }

    /** Kill -9 of a holder child to this JVM's acquire returning; median and maximum in ms. */
    private static double[] recovery(LockService locks, BackendFixture backend, Path childDir) throws Exception {
        long[] samples = new long[RECOVERY_ROUNDS];
        for (int round = 0; round < RECOVERY_ROUNDS; round++) {
            String key = "recovery-" + round + "-" + System.nanoTime();
            try (ChildJvm child = backend.child(childDir, "hold", SCOPE, key)) {
                child.awaitLine("HELD");
                CompletableFuture<Long> acquiredAt = acquireLater(locks, key, Duration.ZERO);
                awaitBlocked(backend, key);
                long killed = System.nanoTime();
                child.process().destroyForcibly();
                samples[round] = acquiredAt.get(60, TimeUnit.SECONDS) - killed;
            }
        }
        Arrays.sort(samples);
        return new double[] {millis(samples[samples.length / 2]), millis(samples[samples.length - 1])};
    }

    /**
     * Every process of the server stopped while this JVM waits for a lock another session holds: the time until
     * the waiter gives up (policy fail), with the default server timeout.
     */
    private static String vanish(PostgresBackendFixture backend) throws Exception {
        Path dir = Files.createTempDirectory("baton-lock-bench");
        String key = "vanish";
        try (LockService holder = backend.service(dir.resolve("holder"));
                LockService waiter = backend.service(dir.resolve("waiter"));
                LockHandle held = holder.acquire(SCOPE, key, "bench", TimeoutPolicy.FAIL)) {
            CompletableFuture<Long> gaveUpAt = CompletableFuture.supplyAsync(() -> {
                try (LockHandle lock = waiter.acquire(SCOPE, key, "bench", Duration.ZERO, TimeoutPolicy.FAIL)) {
                    throw new IllegalStateException("acquired a lock whose holder still has it");
                } catch (LockTimeoutException expected) {
                    return System.nanoTime();
                } catch (IOException | InterruptedException e) {
                    throw new CompletionException(e);
                }
            });
            awaitBlocked(backend, key);
            long frozen = System.nanoTime();
            backend.server().freeze();
            try {
                double noticed = (gaveUpAt.get(5, TimeUnit.MINUTES) - frozen) / 1e9;
                long timeout = dev.baton.config.Keys.LOCK_POSTGRES_SERVER_TIMEOUT.defaultValue().toSeconds();
                System.out.printf("[postgres] vanished server noticed by a waiter after %.1f s (serverTimeout %d s)%n",
                        noticed, timeout);
                return String.format("BENCH lock-postgres-vanish server_timeout_s=%d noticed_s=%.1f", timeout,
                        noticed);
            } finally {
                backend.server().thaw();
            }
        } finally {
            delete(dir);
        }
    }

    private static CompletableFuture<Long> acquireLater(LockService locks, String key, Duration timeout) {
        return CompletableFuture.supplyAsync(() -> {
            try (LockHandle lock = locks.acquire(SCOPE, key, "bench", timeout, TimeoutPolicy.FAIL)) {
                return System.nanoTime();
            } catch (IOException | InterruptedException e) {
                throw new CompletionException(e);
            }
        });
    }

    /** Until this JVM's waiter is blocked in the backend, so what follows measures a real wake-up. */
    private static void awaitBlocked(BackendFixture backend, String key) throws Exception {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (backend.blockedWaiters(SCOPE, key) == 0) {
            if (System.nanoTime() - giveUp > 0) {
                throw new IllegalStateException("the waiter never blocked in the " + backend.name() + " backend");
            }
            LockSupport.parkNanos(SETTLE_NANOS);
        }
    }

    private static long percentile(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
