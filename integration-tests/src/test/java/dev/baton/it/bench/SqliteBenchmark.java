package dev.baton.it.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
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
 * the ceiling, 0 errors, every row there, integrity_check ok. For reference, the same 4 x 4 run also goes without
 * Baton, twice: as the sample is, and with every transaction begun IMMEDIATE by the driver (see {@link
 * PlainReference}): what the processes commit per second when SQLite alone decides, and how many operations fail.
 *
 * <p><b>Mixed</b>, WAL: the MixedWorkload sample (90% read-only transactions of 2-5 point lookups, 10%
 * read-then-write) in 4 processes x 4 threads, without and with Baton. Goal: committed transactions/s with Baton >=
 * without, 0 errors with Baton (without, the BUSY failures are counted), every deposit there, integrity_check ok.
 * Without Baton most read-then-write transactions fail at once with BUSY (80% in 4 x 4 runs): the side without
 * Baton commits a fifth of the writes and the failed ones cost next to nothing, so the two sides do not do the same
 * work. <b>Mixed-retry</b> runs the same workload with the application running a transaction refused with BUSY
 * again until it commits (the sample's {@code retry} argument), on both sides: what an application that must not
 * lose a deposit does without Baton, against Baton, both committing every transaction.
 *
 * <p>{@code -Dbaton.bench.sqlite=wal,mixed} runs only some parts (delete, wal, mixed, mixed-retry).
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
        String parts = System.getProperty("baton.bench.sqlite", "delete,wal,mixed,mixed-retry");
        if (parts.contains("delete")) {
            writeOnly(jdk, work, "delete", DELETE, 200, figures);
        }
        if (parts.contains("wal")) {
            // Enough work that both sides' JIT warm-up (Baton's own code is compiled too) is a small part of it.
            writeOnly(jdk, work, "wal", WAL, 4_000, figures);
        }
        if (parts.matches("(.*,)?mixed(,.*)?")) {
            mixed(jdk, work, 4_000, false, figures);
        }
        if (parts.contains("mixed-retry")) {
            mixed(jdk, work, 4_000, true, figures);
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
        List<PlainReference> references = List.of(new PlainReference("without", "without", parameters),
                new PlainReference("immediate", "with transaction_mode=IMMEDIATE and without",
                        parameters + "&transaction_mode=IMMEDIATE"));
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
            StringBuilder line = new StringBuilder(String.format("  %s run %d: ceiling %.0f/s, %dx%d with Baton %.0f/s,"
                    + " failures %d", mode, run, ceiling.operationsPerSecond(operations), PROCESSES, THREADS,
                    many.operationsPerSecond(operations), many.failures()));
            for (PlainReference reference : references) {
                CounterWorkloadRun.Totals totals = reference.run(jdk, work, mode + "-" + run, operationsPerThread);
                line.append(String.format("; %s %.0f committed/s, %d failed", reference.name,
                        totals.committedPerSecond(), totals.failures()));
            }
            System.out.println(line);
        }
        double percent = 100.0 * rate / ceilingRate;
        System.out.printf("%s: single writer without Baton %.0f commits/s; %dx%d processes x threads with Baton %.0f"
                + " commits/s = %.0f%% of the ceiling (%d operations each); errors %d (best of %d runs)%n", mode,
                ceilingRate, PROCESSES, THREADS, rate, percent, operations, errors, RUNS);
        figures.put(mode + "_ceiling_per_s", Math.round(ceilingRate));
        figures.put(mode + "_baton_per_s", Math.round(rate));
        figures.put(mode + "_percent", Math.round(percent));
        figures.put(mode + "_errors", errors);
        for (PlainReference reference : references) {
            System.out.printf("%s, %dx%d %s Baton: %.0f committed/s = %.0f%% of the ceiling, %d BUSY failures in %d"
                    + " runs%n", mode, PROCESSES, THREADS, reference.how, reference.best,
                    100.0 * reference.best / ceilingRate, reference.failures, RUNS);
            figures.put(mode + "_" + reference.name + "_per_s", Math.round(reference.best));
            figures.put(mode + "_" + reference.name + "_percent", Math.round(100.0 * reference.best / ceilingRate));
            figures.put(mode + "_" + reference.name + "_busy", reference.failures);
        }
    }

    /**
     * The same 4 x 4 write-only run without Baton, for reference: as the sample is ({@code without}: deferred
     * transactions, whose read-then-write ones SQLite may refuse with BUSY), and with every transaction begun
     * IMMEDIATE through the driver's {@code transaction_mode} ({@code immediate}: what an application could do itself
     * to keep its read-then-write transactions free of BUSY). Operations that failed do not count.
     */
    private static final class PlainReference {
        /** In the figures' keys and file names. */
        final String name;
        /** In the summary line, before "Baton". */
        final String how;
        final String parameters;
        double best;
        int failures;

        PlainReference(String name, String how, String parameters) {
            this.name = name;
            this.how = how;
            this.parameters = parameters;
        }

        CounterWorkloadRun.Totals run(Jdk jdk, Path work, String label, int operationsPerThread) throws Exception {
            Path db = work.resolve(label + "-" + name + ".db");
            CounterWorkloadRun.createSchema(db, parameters);
            CounterWorkloadRun.Totals totals = CounterWorkloadRun.run(
                    SqliteProcesses.on(jdk, work, db).agent(false).urlParameters(parameters), PROCESSES, THREADS,
                    operationsPerThread);
            failures += totals.failures();
            best = Math.max(best, totals.committedPerSecond());
            return totals;
        }
    }

    /** Errors found in the file after a run: missing rows or increments, a failed integrity check. */
    private static int checkCounter(Path db, int operations) throws Exception {
        int errors = 0;
        errors += CounterWorkloadRun.queryLong(db, "SELECT count(*) FROM items") == operations ? 0 : 1;
        errors += CounterWorkloadRun.queryLong(db, "SELECT value FROM counter WHERE id = 1") == operations / 2 ? 0 : 1;
        errors += "ok".equals(CounterWorkloadRun.queryString(db, "PRAGMA integrity_check")) ? 0 : 1;
        return errors;
    }

    /**
     * {@code retry}: the application runs a transaction refused with BUSY again until it commits; the BUSY figure
     * then counts refused attempts, not lost transactions.
     */
    private static void mixed(Jdk jdk, Path work, int transactionsPerThread, boolean retry,
            Map<String, Object> figures) throws Exception {
        String part = retry ? "mixed_retry" : "mixed";
        double without = 0;
        double with = 0;
        int busyWithout = 0;
        int errorsWithout = 0;
        int errorsWith = 0;
        for (int run = 0; run < RUNS; run++) {
            MixedWorkloadRun.Totals plain = mixedRun(jdk, work, part + "-plain-" + run, false, retry,
                    transactionsPerThread);
            busyWithout += plain.busy();
            errorsWithout += retry ? plain.failures() : 0;
            without = Math.max(without, plain.committedPerSecond());

            MixedWorkloadRun.Totals baton = mixedRun(jdk, work, part + "-baton-" + run, true, retry,
                    transactionsPerThread);
            errorsWith += baton.failures() + (retry ? baton.busy() : 0);
            with = Math.max(with, baton.committedPerSecond());
            System.out.printf("  %s run %d: without Baton %.0f tx/s (%d failed, %d busy), with Baton %.0f tx/s"
                    + " (%d failed, %d busy)%n", part, run, plain.committedPerSecond(), plain.failures(),
                    plain.busy(), baton.committedPerSecond(), baton.failures(), baton.busy());
        }
        System.out.printf("%s (WAL, 90%% read-only, %dx%d): without Baton %.0f committed tx/s (%d BUSY %s in %d"
                + " runs), with Baton %.0f tx/s = %.0f%% (%d errors)%n", part, PROCESSES, THREADS, without,
                busyWithout, retry ? "attempts retried by the application" : "failures", RUNS, with,
                100.0 * with / without, errorsWith);
        figures.put(part + "_without_per_s", Math.round(without));
        figures.put(part + "_without_busy", busyWithout);
        if (retry) {
            figures.put(part + "_without_errors", errorsWithout);
        }
        figures.put(part + "_baton_per_s", Math.round(with));
        figures.put(part + "_percent", Math.round(100.0 * with / without));
        figures.put(part + "_errors", errorsWith);
    }

    private static MixedWorkloadRun.Totals mixedRun(Jdk jdk, Path work, String name, boolean agent, boolean retry,
            int transactionsPerThread) throws Exception {
        Path db = work.resolve(name + ".db");
        MixedWorkloadRun.createSchema(db, WAL);
        SqliteProcesses processes = SqliteProcesses.on(jdk, work, db).agent(agent).urlParameters(WAL);
        if (retry) {
            processes.moreArguments("", "retry"); // READ-ONLY-PERCENT: the sample's default.
        }
        MixedWorkloadRun.Totals totals = MixedWorkloadRun.run(processes, PROCESSES, THREADS, transactionsPerThread);
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
