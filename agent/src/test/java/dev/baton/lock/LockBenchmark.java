package dev.baton.lock;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import dev.baton.log.LogLevel;

/**
 * Lock benchmark (not a test). Run with the test class path:
 * {@code java -cp <test classpath> dev.baton.lock.LockBenchmark}. Prints:
 * <ul>
 * <li>uncontended acquire+release in one JVM (µs, median of batch means);</li>
 * <li>cross-process handoff: this JVM releases while a child JVM waits in the kernel; the time from release to the
 * child's acquire returning, on the machine-wide monotonic clock (System.nanoTime is CLOCK_MONOTONIC on Linux);</li>
 * <li>crash recovery: a child holds the lock, this JVM waits, the child is killed (SIGKILL); the time from the kill
 * to this JVM's acquire returning.</li>
 * </ul>
 * The last line is {@code BENCH lock uncontended_us=... handoff_p50_ms=... handoff_p99_ms=... recovery_ms=...}
 * (recovery is the median of several kills).
 */
public final class LockBenchmark {
    private static final String SCOPE = "bench";
    private static final int UNCONTENDED_WARMUP = 20_000;
    private static final int UNCONTENDED_BATCHES = 21;
    private static final int UNCONTENDED_BATCH_SIZE = 10_000;
    private static final int HANDOFF_WARMUP = 50;
    private static final int HANDOFF_ROUNDS = 500;
    private static final int RECOVERY_ROUNDS = 5;
    /** Time given to the waiter to block in the kernel before the release, so the handoff is a real wake-up. */
    private static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private LockBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if ("postgres".equals(System.getProperty("baton.lock.backend"))) {
            // -Dbench=lock -Dbaton.lock.backend=postgres: the same measurements for both backends, side by side.
            dev.baton.lock.postgres.PostgresLockBenchmark.main(args);
            return;
        }
        LogLevel.set("warn"); // One "waiting for" line per contended round would swamp the output.
        Path dir = Files.createTempDirectory("baton-lock-bench");
        try (LockService locks = LockService.files(dir, Duration.ZERO)) {
            double uncontendedMicros = uncontended(locks);
            System.out.printf("uncontended acquire+release: %.2f us%n", uncontendedMicros);
            double[] handoff = handoff(locks, dir);
            System.out.printf("cross-process handoff: p50 %.3f ms, p99 %.3f ms, max %.3f ms (%d rounds)%n",
                    handoff[0], handoff[1], handoff[2], HANDOFF_ROUNDS);
            double[] recovery = recovery(locks, dir);
            System.out.printf("crash recovery (kill -9 holder -> waiter acquires): median %.2f ms, max %.2f ms%n",
                    recovery[0], recovery[1]);
            System.out.printf("BENCH lock uncontended_us=%.2f handoff_p50_ms=%.3f handoff_p99_ms=%.3f"
                    + " recovery_ms=%.2f%n", uncontendedMicros, handoff[0], handoff[1], recovery[0]);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Median of batch means: robust against the other load a shared 2-core machine carries. */
    private static double uncontended(LockService locks) throws Exception {
        for (int i = 0; i < UNCONTENDED_WARMUP; i++) {
            locks.acquire(SCOPE, "uncontended", "bench", TimeoutPolicy.FAIL).close();
        }
        double[] batchMeans = new double[UNCONTENDED_BATCHES];
        for (int batch = 0; batch < UNCONTENDED_BATCHES; batch++) {
            long start = System.nanoTime();
            for (int i = 0; i < UNCONTENDED_BATCH_SIZE; i++) {
                locks.acquire(SCOPE, "uncontended", "bench", TimeoutPolicy.FAIL).close();
            }
            batchMeans[batch] = (System.nanoTime() - start) / 1000.0 / UNCONTENDED_BATCH_SIZE;
        }
        Arrays.sort(batchMeans);
        return batchMeans[UNCONTENDED_BATCHES / 2];
    }

    /** Percentiles 50, 99 and the maximum, in ms. */
    private static double[] handoff(LockService locks, Path dir) throws Exception {
        long[] samples = new long[HANDOFF_ROUNDS];
        try (ChildJvm child = ChildJvm.start("handoff", dir.toString())) {
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
        LogLevel.set("warn");
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

    /** Median and maximum, in ms. */
    private static double[] recovery(LockService locks, Path dir) throws Exception {
        long[] samples = new long[RECOVERY_ROUNDS];
        for (int round = 0; round < RECOVERY_ROUNDS; round++) {
            String key = "recovery-" + round;
            try (ChildJvm child = ChildJvm.start("hold", dir.toString(), SCOPE, key)) {
                child.awaitLine("HELD");
                CompletableFuture<Long> acquiredAt = CompletableFuture.supplyAsync(() -> {
                    try (LockHandle lock = locks.acquire(SCOPE, key, "bench", TimeoutPolicy.FAIL)) {
                        return System.nanoTime();
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                while (!locks.waitingForOtherProcess(SCOPE, key)) {
                    LockSupport.parkNanos(SETTLE_NANOS);
                }
                LockSupport.parkNanos(SETTLE_NANOS);
                long killed = System.nanoTime();
                child.process().destroyForcibly();
                samples[round] = acquiredAt.get(60, TimeUnit.SECONDS) - killed;
            }
        }
        Arrays.sort(samples);
        return new double[] {millis(samples[samples.length / 2]), millis(samples[samples.length - 1])};
    }

    private static long percentile(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
