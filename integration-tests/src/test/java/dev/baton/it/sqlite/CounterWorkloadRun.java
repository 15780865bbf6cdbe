package dev.baton.it.sqlite;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.baton.it.harness.RunningJvm.Result;

/**
 * The CounterWorkload sample (autocommit inserts and read-then-write transactions, every operation one commit) in
 * several processes on one database file, its summary lines added up. Shared by the contention test and the
 * benchmark.
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

        /** Operations that committed (failed ones left out) per second, over the same span. */
        public double committedPerSecond() {
            return rows * 1000.0 / Math.max(1, lastEnd - firstStart);
        }
    }

    private CounterWorkloadRun() {
    }

    /** Creates the schema before any worker starts, so no process fails before the workload even begins. */
    public static void createSchema(Path db) throws SQLException {
        createSchema(db, "");
    }

    /** The schema, with the URL parameters the workers will use (e.g. journal_mode=WAL, which the file keeps). */
    public static void createSchema(Path db, String urlParameters) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(db, urlParameters));
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE IF NOT EXISTS items (id TEXT PRIMARY KEY, kind TEXT NOT NULL)");
            statement.executeUpdate("CREATE TABLE IF NOT EXISTS counter (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)");
            statement.executeUpdate("INSERT OR IGNORE INTO counter (id, value) VALUES (1, 0)");
        }
    }

    public static Totals run(SqliteProcesses processes, int count, int threads, int operations) throws Exception {
        return totals(processes.run(MAIN, count, threads, operations));
    }

    private static Totals totals(List<Result> results) {
        int failures = 0;
        int rows = 0;
        int increments = 0;
        long firstStart = Long.MAX_VALUE;
        long lastEnd = 0;
        for (Result result : results) {
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

    static String url(Path db, String urlParameters) {
        return "jdbc:sqlite:" + db + (urlParameters.isEmpty() ? "" : "?" + urlParameters);
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
