package dev.baton.it.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Shows when a transaction takes the write lock: connection A switches autocommit off, then reads; after each step
 * connection B (busy_timeout 100 ms) tries to write. Prints {@code idle=ok|busy afterRead=ok|busy write=ok|busy} (write: A's own write and commit after its read).
 * The database is in WAL mode. Without Baton both writes succeed (A's deferred transaction only reads a snapshot, and
 * its own write then fails BUSY_SNAPSHOT: the phantom failure); with Baton A's read is the
 * first statement of a BEGIN IMMEDIATE transaction, so B must wait for A.
 */
public final class LazyBeginProbe {
    private LazyBeginProbe() {
    }

    public static void main(String[] args) throws Exception {
        String url = "jdbc:sqlite:" + args[0];
        try (Connection setup = DriverManager.getConnection(url); Statement s = setup.createStatement()) {
            // WAL: a reader never blocks a writer, so only a real write lock on A's side can make B busy.
            s.execute("PRAGMA journal_mode=WAL");
            s.executeUpdate("CREATE TABLE IF NOT EXISTS t (n INTEGER)");
        }
        try (Connection a = DriverManager.getConnection(url);
                Connection b = DriverManager.getConnection(url + "?busy_timeout=100")) {
            a.setAutoCommit(false);
            String idle = tryWrite(b);
            try (Statement s = a.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM t")) {
                r.next();
            }
            String afterRead = tryWrite(b);
            String write;
            try (Statement s = a.createStatement()) {
                s.executeUpdate("INSERT INTO t VALUES (1)");
                a.commit();
                write = "ok";
            } catch (SQLException e) {
                write = (e.getErrorCode() & 0xFF) == 5 ? "busy" : e.getMessage();
                a.rollback();
            }
            System.out.println("idle=" + idle + " afterRead=" + afterRead + " write=" + write);
        }
    }

    private static String tryWrite(Connection b) {
        try (Statement s = b.createStatement()) {
            s.executeUpdate("INSERT INTO t VALUES (2)");
            return "ok";
        } catch (SQLException e) {
            return (e.getErrorCode() & 0xFF) == 5 ? "busy" : e.getMessage();
        }
    }
}
