package dev.baton.it.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A COMMIT that SQLite refuses with BUSY for a while, in rollback-journal mode: a reader keeps its shared lock, so
 * the writer's COMMIT cannot take the exclusive lock. The reader lets go a second after the COMMIT has begun to wait
 * (a third connection then meets the writer's pending lock). Prints {@code commit=ok rows=N} or
 * {@code commit=failed M}.
 *
 * <pre>java CommitRetryProbe DB-FILE</pre>
 */
public final class CommitRetryProbe {
    private CommitRetryProbe() {
    }

    public static void main(String[] args) throws Exception {
        String url = "jdbc:sqlite:" + args[0];
        try (Connection setup = DriverManager.getConnection(url); Statement s = setup.createStatement()) {
            s.executeUpdate("CREATE TABLE t (id INTEGER PRIMARY KEY, secret TEXT)");
        }
        try (Connection reader = DriverManager.getConnection(url);
                Connection writer = DriverManager.getConnection(url + "?busy_timeout=60000");
                Connection observer = DriverManager.getConnection(url + "?busy_timeout=0")) {
            try (Statement s = reader.createStatement()) {
                s.execute("BEGIN"); // The application's own read transaction: Baton leaves it alone.
                read(s);
            }
            writer.setAutoCommit(false);
            try (var insert = writer.prepareStatement("INSERT INTO t (secret) VALUES (?)")) {
                insert.setString(1, "p4ssw0rd-parameter");
                insert.executeUpdate();
            }
            CompletableFuture<String> commit = CompletableFuture.supplyAsync(() -> {
                try {
                    writer.commit();
                    return "ok";
                } catch (SQLException e) {
                    return "failed " + e.getMessage();
                }
            });
            awaitPendingLock(observer);
            // Far longer than one of Baton's waits in SQLite (10 ms): the COMMIT certainly meets BUSY at least once.
            Thread.sleep(1000);
            try (Statement s = reader.createStatement()) {
                s.execute("COMMIT");
            }
            String outcome = commit.get(120, TimeUnit.SECONDS);
            try (Statement s = reader.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM t")) {
                r.next();
                System.out.println("commit=" + outcome + " rows=" + r.getInt(1));
            }
        }
    }

    /** A writer waiting for readers to leave holds SQLite's PENDING lock: new readers are refused at once. */
    private static void awaitPendingLock(Connection observer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try (Statement s = observer.createStatement()) {
                read(s);
            } catch (SQLException e) {
                if ((e.getErrorCode() & 0xFF) == 5) {
                    return;
                }
                throw e;
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException("the writer's COMMIT never waited");
    }

    private static void read(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM t")) {
            r.next();
        }
    }
}
