package dev.baton.lock.postgres;

import dev.baton.lock.ChildJvm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import dev.baton.lock.LockHandle;
import dev.baton.lock.LockService;
import dev.baton.lock.TimeoutPolicy;
import dev.baton.log.LogLevel;

/**
 * The lock benchmark's measurements ({@link dev.baton.lock.LockBenchmark}: uncontended acquire+release, cross-process
 * handoff, recovery after kill -9) for the backend named by {@code -Dbaton.lock.backend} ({@code postgres} starts a
 * throwaway PostgreSQL on 127.0.0.1), always next to the file backend measured the same way in the same run, so
 * the two are compared under the same machine load. Not a test; run with the test class path. Last lines:
 * {@code BENCH lock-<backend> uncontended_us=... handoff_p50_ms=... handoff_p99_ms=... recovery_ms=...}.
 */
public final class PostgresLockBenchmark {
    private static final String SCOPE = "bench";
    private static final int UNCONTENDED_WARMUP = 3000;
    private static final int UNCONTENDED_BATCHES = 11;
    private static final int UNCONTENDED_BATCH_SIZE = 200;
    private static final int HANDOFF_WARMUP = 30;
    private static final int HANDOFF_ROUNDS = 300;
    private static final int RECOVERY_ROUNDS = 5;
    /** Time given to the waiter to block before the release, so the handoff is a real wake-up. */
    private static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private PostgresLockBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        LogLevel.set("warn"); // One "waiting for" line per contended round would swamp the output.
        String backend = System.getProperty("baton.lock.backend", "postgres");
        Path dir = Files.createTempDirectory("baton-lock-bench");
        try {
            String fileLine = measure("file", "", dir);
            if (backend.equals("postgres")) {
                try (PostgresServer server = PostgresServer.start()) {
                    System.out.println(fileLine);
                    System.out.println(measure("postgres", server.jdbcUrl(), dir));
                }
            } else {
                System.out.println(fileLine);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String measure(String backend, String url, Path dir) throws Exception {
        Path mine = dir.resolve(backend + "-parent");
        try (LockService locks = PgChild.service(backend, url, mine)) {
            double uncontendedMicros = uncontended(locks);
            System.out.printf("[%s] uncontended acquire+release: %.2f us%n", backend, uncontendedMicros);
            double[] handoff = handoff(locks, backend, url, dir.resolve(backend + "-child"));
            System.out.printf("[%s] cross-process handoff: p50 %.3f ms, p99 %.3f ms, max %.3f ms (%d rounds)%n",
                    backend, handoff[0], handoff[1], handoff[2], HANDOFF_ROUNDS);
            double[] recovery = recovery(locks, backend, url, dir.resolve(backend + "-holder"));
            System.out.printf("[%s] crash recovery (kill -9 holder -> waiter acquires): median %.2f ms, max %.2f ms%n",
                    backend, recovery[0], recovery[1]);
            return String.format("BENCH lock-%s uncontended_us=%.2f handoff_p50_ms=%.3f handoff_p99_ms=%.3f"
                    + " recovery_ms=%.2f", backend, uncontendedMicros, handoff[0], handoff[1], recovery[0]);
        }
    }

    /** Median of batch means. The file backend shares the key with nobody, as the postgres one does. */
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

    /**
     * Release here to acquire-returned in a child JVM, on the machine-wide monotonic clock. For postgres the child
     * uses its own lock directory, so only the database can hand the lock over.
     */
    private static double[] handoff(LockService locks, String backend, String url, Path childDir) throws Exception {
        long[] samples = new long[HANDOFF_ROUNDS];
        Path sharedForFiles = backend.equals("file") ? ((dev.baton.lock.file.FileLockBackend) locks.backend())
                .directory() : childDir;
        try (ChildJvm child = PgChild.launch(backend, url, sharedForFiles, "handoff")) {
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

    /** Kill -9 of a holder child to this JVM's acquire returning; median and maximum in ms. */
    private static double[] recovery(LockService locks, String backend, String url, Path childDir)
            throws Exception {
        long[] samples = new long[RECOVERY_ROUNDS];
        Path sharedForFiles = backend.equals("file") ? ((dev.baton.lock.file.FileLockBackend) locks.backend())
                .directory() : childDir;
        for (int round = 0; round < RECOVERY_ROUNDS; round++) {
            String key = "recovery-" + round + "-" + System.nanoTime();
            try (ChildJvm child = PgChild.launch(backend, url, sharedForFiles, "hold", SCOPE, key)) {
                child.awaitLine("HELD");
                CompletableFuture<Long> acquiredAt = CompletableFuture.supplyAsync(() -> {
                    try (LockHandle lock = locks.acquire(SCOPE, key, "bench", TimeoutPolicy.FAIL)) {
                        return System.nanoTime();
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                while (locks.statistics().waiting() == 0) {
                    LockSupport.parkNanos(SETTLE_NANOS);
                }
                // Let the waiter reach the backend's blocking wait (it first tries, then blocks).
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
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
