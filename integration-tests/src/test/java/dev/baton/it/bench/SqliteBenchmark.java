package dev.baton.it.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.baton.it.harness.Jdk;
import dev.baton.it.sqlite.CounterWorkloadRun;
import dev.baton.it.sqlite.MixedWorkloadRun;
import dev.baton.it.sqlite.SqliteProcesses;

/**
 * SQLite throughput of several processes sharing one file, in two parts.
 *
 * <p><b>Write-only</b>, against the single-writer ceiling: the CounterWorkload sample (every operation one commit:
 * autocommit inserts and read-then-write transactions) once in one process with one thread and <em>without</em> the
 * agent (raw SQLite: the most any number of writers can reach, since SQLite has one writer at a time), then in 4
 * processes x 4 threads with Baton, the same number of operations, for each journal mode (DELETE, and WAL with
 * synchronous=NORMAL; both sides get the same settings through the JDBC URL). Goal: WAL >= 80% and DELETE >= 90% of
 * the ceiling, 0 errors, every row there, integrity_check ok.
 *
 * <p><b>Mixed</b>, WAL: the MixedWorkload sample (90% read-only transactions of 2-5 point lookups, 10%
 * read-then-write) in 4 processes x 4 threads, without and with Baton. Goal: committed transactions/s with Baton >=
 * without, 0 errors with Baton (without, the BUSY failures are counted), every deposit there, integrity_check ok.
 *
 * <p>{@code -Dbaton.bench.sqlite=wal,mixed} runs only some parts (delete, wal, mixed).
 *
 * <p>Throughput is counted from the first worker's start to the last one's end (JVM startup excluded); each figure is
 * the best of 3 runs, the sides alternating so that a noisy moment of the machine does not decide a ratio.
 */
final class SqliteBenchmark implements Benchmarks.Benchmark {
    private static final int PROCESSES = 4;
    private static final int THREADS = 4;
    private static final int RUNS = 3;
    private static final String DELETE = "journal_mode=DELETE";
    private static final String WAL = "journal_mode=WAL&synchronous=NORMAL";

    @Override
    public Map<String, Object> run() throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        Jdk jdk = Jdk.find(Runtime.version().feature()).orElseThrow();
        Path work = Files.createTempDirectory("baton-bench-sqlite");
        figures.put("load", Stats.loadAverage());
        String parts = System.getProperty("baton.bench.sqlite", "delete,wal,mixed");
        if (parts.contains("delete")) {
            writeOnly(jdk, work, "delete", DELETE, 200, figures);
        }
        if (parts.contains("wal")) {
            // Enough work that both sides' JIT warm-up (Baton's own code is compiled too) is a small part of it.
            writeOnly(jdk, work, "wal", WAL, 4_000, figures);
        }
        if (parts.contains("mixed")) {
            mixed(jdk, work, 4_000, figures);
        }
        figures.put("load_end", Stats.loadAverage());
        return figures;
    }

    private static void writeOnly(Jdk jdk, Path work, String mode, String parameters, int operationsPerThread,
            Map<String, Object> figures) throws Exception {
        int operations = PROCESSES * THREADS * operationsPerThread;
        double ceilingRate = 0;
        double rate = 0;
        int errors = 0;
        for (int run = 0; run < RUNS; run++) {
            Path single = work.resolve(mode + "-single-" + run + ".db");
            CounterWorkloadRun.createSchema(single, parameters);
            CounterWorkloadRun.Totals ceiling = CounterWorkloadRun.run(
                    SqliteProcesses.on(jdk, work, single).agent(false).urlParameters(parameters), 1, 1, operations);
            errors += ceiling.failures() + checkCounter(single, operations);
            ceilingRate = Math.max(ceilingRate, ceiling.operationsPerSecond(operations));

            Path shared = work.resolve(mode + "-shared-" + run + ".db");
            CounterWorkloadRun.createSchema(shared, parameters);
            CounterWorkloadRun.Totals many = CounterWorkloadRun.run(
                    SqliteProcesses.on(jdk, work, shared).urlParameters(parameters), PROCESSES, THREADS,
                    operationsPerThread);
            errors += many.failures() + checkCounter(shared, operations);
            rate = Math.max(rate, many.operationsPerSecond(operations));
            System.out.printf("  %s run %d: ceiling %.0f/s, %dx%d with Baton %.0f/s, failures %d%n", mode, run,
                    ceiling.operationsPerSecond(operations), PROCESSES, THREADS, many.operationsPerSecond(operations),
                    many.failures());
        }
        double percent = 100.0 * rate / ceilingRate;
        System.out.printf("%s: single writer without Baton %.0f commits/s; %dx%d processes x threads with Baton %.0f"
                + " commits/s = %.0f%% of the ceiling (%d operations each); errors %d (best of %d runs)%n", mode,
                ceilingRate, PROCESSES, THREADS, rate, percent, operations, errors, RUNS);
        figures.put(mode + "_ceiling_per_s", Math.round(ceilingRate));
        figures.put(mode + "_baton_per_s", Math.round(rate));
        figures.put(mode + "_percent", Math.round(percent));
        figures.put(mode + "_errors", errors);
    }

    /** Errors found in the file after a run: missing rows or increments, a failed integrity check. */
    private static int checkCounter(Path db, int operations) throws Exception {
        int errors = 0;
        errors += CounterWorkloadRun.queryLong(db, "SELECT count(*) FROM items") == operations ? 0 : 1;
        errors += CounterWorkloadRun.queryLong(db, "SELECT value FROM counter WHERE id = 1") == operations / 2 ? 0 : 1;
        errors += "ok".equals(CounterWorkloadRun.queryString(db, "PRAGMA integrity_check")) ? 0 : 1;
        return errors;
    }

    private static void mixed(Jdk jdk, Path work, int transactionsPerThread, Map<String, Object> figures)
            throws Exception {
        double without = 0;
        double with = 0;
        int busyWithout = 0;
        int errorsWith = 0;
        for (int run = 0; run < RUNS; run++) {
            MixedWorkloadRun.Totals plain = mixedRun(jdk, work, "mixed-plain-" + run, false, transactionsPerThread);
            busyWithout += plain.busy();
            without = Math.max(without, plain.committedPerSecond());

            MixedWorkloadRun.Totals baton = mixedRun(jdk, work, "mixed-baton-" + run, true, transactionsPerThread);
            errorsWith += baton.failures();
            with = Math.max(with, baton.committedPerSecond());
            System.out.printf("  mixed run %d: without Baton %.0f tx/s (%d failed, %d busy), with Baton %.0f tx/s"
                    + " (%d failed)%n", run, plain.committedPerSecond(), plain.failures(), plain.busy(),
                    baton.committedPerSecond(), baton.failures());
        }
        System.out.printf("mixed (WAL, 90%% read-only, %dx%d): without Baton %.0f committed tx/s (%d BUSY failures"
                + " in %d runs), with Baton %.0f tx/s = %.0f%% (%d errors)%n", PROCESSES, THREADS, without,
                busyWithout, RUNS, with, 100.0 * with / without, errorsWith);
        figures.put("mixed_without_per_s", Math.round(without));
        figures.put("mixed_without_busy", busyWithout);
        figures.put("mixed_baton_per_s", Math.round(with));
        figures.put("mixed_percent", Math.round(100.0 * with / without));
        figures.put("mixed_errors", errorsWith);
    }

    private static MixedWorkloadRun.Totals mixedRun(Jdk jdk, Path work, String name, boolean agent,
            int transactionsPerThread) throws Exception {
        Path db = work.resolve(name + ".db");
        MixedWorkloadRun.createSchema(db, WAL);
        MixedWorkloadRun.Totals totals = MixedWorkloadRun.run(
                SqliteProcesses.on(jdk, work, db).agent(agent).urlParameters(WAL), PROCESSES, THREADS,
                transactionsPerThread);
        long deposits = CounterWorkloadRun.queryLong(db, "SELECT count(*) FROM changes");
        long balance = CounterWorkloadRun.queryLong(db, "SELECT sum(balance) FROM accounts");
        if (deposits != totals.writes() || balance != totals.writes()
                || !"ok".equals(CounterWorkloadRun.queryString(db, "PRAGMA integrity_check"))) {
            throw new AssertionError(name + ": " + totals.writes() + " deposits committed, " + deposits
                    + " logged, balance " + balance);
        }
        return totals;
    }
}
