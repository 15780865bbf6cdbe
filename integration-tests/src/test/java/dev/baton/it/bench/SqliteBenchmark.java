package dev.baton.it.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.baton.it.harness.Jdk;
import dev.baton.it.sqlite.CounterWorkloadRun;
import dev.baton.it.sqlite.CounterWorkloadRun.Totals;

/**
 * Multi-process write throughput with Baton against the single-writer ceiling on the same disk: the CounterWorkload
 * sample (every operation one commit: autocommit inserts and read-then-write transactions) in one process with one
 * thread, then in 4 processes x 4 threads, both with Baton, for each journal mode (the database's default DELETE,
 * and WAL with synchronous=NORMAL through baton.sqlite.journalMode=wal). Goal: 0 errors and at least 50% of the
 * ceiling. SQLite has one writer at a time, so the ceiling is the most any number of writers can reach. Throughput
 * is counted from the first worker's start to the last one's end (JVM startup excluded), best of 3 runs.
 */
final class SqliteBenchmark implements Benchmarks.Benchmark {
    private static final int PROCESSES = 4;
    private static final int THREADS = 4;
    private static final int RUNS = 3;

    @Override
    public Map<String, Object> run() throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        Jdk jdk = Jdk.find(Runtime.version().feature()).orElseThrow();
        Path work = Files.createTempDirectory("baton-bench-sqlite");
        measure(jdk, work, "delete", null, 2_000, 200, figures);
        measure(jdk, work, "wal", "sqlite.journalMode=wal", 20_000, 1_000, figures);
        return figures;
    }

    private static void measure(Jdk jdk, Path work, String mode, String agentArgs, int ceilingOperations,
            int operationsPerThread, Map<String, Object> figures) throws Exception {
        int operations = PROCESSES * THREADS * operationsPerThread;
        double ceilingRate = 0;
        double rate = 0;
        int errors = 0;
        // Best of runs alternating the two sides, so a noisy moment of the machine does not decide the ratio.
        for (int run = 0; run < RUNS; run++) {
            Path single = work.resolve(mode + "-single-" + run + ".db");
            CounterWorkloadRun.createSchema(single);
            Totals ceiling = CounterWorkloadRun.run(jdk, work, single, true, agentArgs, 1, 1, ceilingOperations);
            ceilingRate = Math.max(ceilingRate, ceiling.operationsPerSecond(ceilingOperations));

            Path shared = work.resolve(mode + "-shared-" + run + ".db");
            CounterWorkloadRun.createSchema(shared);
            Totals many = CounterWorkloadRun.run(jdk, work, shared, true, agentArgs, PROCESSES, THREADS,
                    operationsPerThread);
            rate = Math.max(rate, many.operationsPerSecond(operations));
            errors += ceiling.failures() + many.failures();
        }
        double percent = 100.0 * rate / ceilingRate;
        System.out.printf("%s: single writer %.0f commits/s (%d ops); %dx%d processes x threads with Baton %.0f"
                + " commits/s (%d ops) = %.0f%% of the ceiling; errors %d (best of %d runs each)%n", mode,
                ceilingRate, ceilingOperations, PROCESSES, THREADS, rate, operations, percent, errors, RUNS);
        figures.put(mode + "_ceiling_per_s", Math.round(ceilingRate));
        figures.put(mode + "_baton_per_s", Math.round(rate));
        figures.put(mode + "_percent", Math.round(percent));
        figures.put(mode + "_errors", errors);
    }
}
