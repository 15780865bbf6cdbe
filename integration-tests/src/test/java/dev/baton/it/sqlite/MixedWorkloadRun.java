package dev.baton.it.sqlite;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.baton.it.harness.RunningJvm.Result;
import dev.baton.samples.sqlite.MixedWorkload;

/** The MixedWorkload sample (90% read-only transactions, 10% read-then-write) in several processes, added up. */
public final class MixedWorkloadRun {
    public static final String MAIN = "dev.baton.samples.sqlite.MixedWorkload";
    private static final Pattern SUMMARY = Pattern.compile(
            "failures=(\\d+) busy=(\\d+) reads=(\\d+) writes=(\\d+) start=(\\d+) end=(\\d+)");

    /** Summed over processes. */
    public record Totals(int failures, int busy, int reads, int writes, long firstStart, long lastEnd,
            List<Result> results) {
        /** Committed transactions per second from the first worker's start to the last one's end. */
        public double committedPerSecond() {
            return (reads + writes) * 1000.0 / Math.max(1, lastEnd - firstStart);
        }
    }

    private MixedWorkloadRun() {
    }

    public static void createSchema(Path db, String urlParameters) throws SQLException {
        MixedWorkload.createSchema(CounterWorkloadRun.url(db, urlParameters));
    }

    public static Totals run(SqliteProcesses processes, int count, int threads, int transactions) throws Exception {
        List<Result> results = processes.run(MAIN, count, threads, transactions);
        int[] sums = new int[4];
        long firstStart = Long.MAX_VALUE;
        long lastEnd = 0;
        for (Result result : results) {
            Matcher summary = SUMMARY.matcher(result.stdout());
            assertTrue(summary.find(), result.toString());
            for (int i = 0; i < 4; i++) {
                sums[i] += Integer.parseInt(summary.group(i + 1));
            }
            firstStart = Math.min(firstStart, Long.parseLong(summary.group(5)));
            lastEnd = Math.max(lastEnd, Long.parseLong(summary.group(6)));
        }
        return new Totals(sums[0], sums[1], sums[2], sums[3], firstStart, lastEnd, results);
    }
}
