package dev.baton.it.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.RunningJvm;
import dev.baton.it.harness.RunningJvm.Result;

/**
 * Runs the CounterWorkload sample in several processes on one database file and adds up their summary lines.
 * Shared by the contention test and the benchmark.
 */
public final class CounterWorkloadRun {
    public static final String MAIN = "dev.baton.samples.sqlite.CounterWorkload";
    private static final Pattern SUMMARY = Pattern.compile("failures=(\\d+) rows=(\\d+) counter=(\\d+) start=(\\d+) end=(\\d+)");

    /** Summed over processes. */
    public record Totals(int failures, int rows, int increments, long firstStart, long lastEnd,
            List<Result> results) {
        /** Operations (each one commit) per second from the first worker's start to the last one's end. */
        public double operationsPerSecond(int operations) {
            return operations * 1000.0 / Math.max(1, lastEnd - firstStart);
        }
    }

    private CounterWorkloadRun() {
    }

    /** Creates the schema before any worker starts, so no process fails before the workload even begins. */
    public static void createSchema(Path db) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE IF NOT EXISTS items (id TEXT PRIMARY KEY, kind TEXT NOT NULL)");
            statement.executeUpdate("CREATE TABLE IF NOT EXISTS counter (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)");
            statement.executeUpdate("INSERT OR IGNORE INTO counter (id, value) VALUES (1, 0)");
        }
    }

    public static Totals run(Jdk jdk, Path work, Path db, boolean withAgent, String agentArgs, int processes,
            int threads, int operations) throws Exception {
        return run(jdk, work, db, withAgent, agentArgs, processes, threads, operations, null);
    }

    /** {@code firstRecording}: a JFR file for the first process, or null. */
    public static Totals run(Jdk jdk, Path work, Path db, boolean withAgent, String agentArgs, int processes,
            int threads, int operations, Path firstRecording) throws Exception {
        List<RunningJvm> running = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            ChildJvm child = ChildJvm.on(jdk, work).named("worker" + p).classPath(Artifacts.samplesClassPath())
                    .main(MAIN, db, "p" + p, threads, operations);
            if (p == 0 && firstRecording != null) {
                child.recordTo(firstRecording);
            }
            if (!withAgent) {
                child.withoutAgent();
            } else if (agentArgs != null) {
                child.agentArgs(agentArgs);
            }
            running.add(child.start());
        }
        int failures = 0;
        int rows = 0;
        int increments = 0;
        long firstStart = Long.MAX_VALUE;
        long lastEnd = 0;
        List<Result> results = new ArrayList<>();
        for (RunningJvm jvm : running) {
            Result result = jvm.awaitExit(300);
            results.add(result);
            assertEquals(0, result.exitCode(), result.toString());
            Matcher summary = SUMMARY.matcher(result.stdout());
            assertTrue(summary.find(), result.toString());
            failures += Integer.parseInt(summary.group(1));
            rows += Integer.parseInt(summary.group(2));
            increments += Integer.parseInt(summary.group(3));
            firstStart = Math.min(firstStart, Long.parseLong(summary.group(4)));
            lastEnd = Math.max(lastEnd, Long.parseLong(summary.group(5)));
        }
        return new Totals(failures, rows, increments, firstStart, lastEnd, results);
    }

    public static long queryLong(Path db, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    public static String queryString(Path db, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
