package dev.baton.it.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.sqlite.SQLiteConfig;

/**
 * Whether read-only transactions run while another connection is inside a write transaction (WAL mode, where SQLite
 * lets readers and one writer work at once). The writer begins, writes and keeps its transaction open; meanwhile
 * read-only transactions run on other connections, whose busy timeout is short: a reader that asked for the write
 * lock would wait for the writer and fail BUSY. Prints {@code learned=ok|busy read-only-connection=ok|busy
 * read-then-write=ok|busy}:
 * <ul>
 * <li>learned: a read-only transaction from a place in the code whose earlier transactions only read;</li>
 * <li>read-only-connection: a read-only transaction on a connection opened read-only (no history needed);</li>
 * <li>read-then-write: a transaction that reads, then writes, from a place never seen before: it must own the write
 * lock from its first statement, so it waits for the writer (and here fails BUSY, as the writer never finishes).</li>
 * </ul>
 */
public final class ReadDuringWriteProbe {
    private ReadDuringWriteProbe() {
    }

    public static void main(String[] args) throws Exception {
        String url = "jdbc:sqlite:" + args[0];
        try (Connection setup = DriverManager.getConnection(url); Statement s = setup.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.executeUpdate("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)");
            s.executeUpdate("INSERT INTO t VALUES (1, 0)");
        }
        String quick = url + "?busy_timeout=1000";
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        readOnly.setBusyTimeout(1000);
        try (Connection reader = DriverManager.getConnection(quick);
                Connection readOnlyReader = readOnly.createConnection(url);
                Connection other = DriverManager.getConnection(quick);
                Connection writer = DriverManager.getConnection(url)) {
            String[] learned = new String[1];
            for (int round = 0; round < 3; round++) {
                if (round == 2) {
                    writer.setAutoCommit(false);
                    try (Statement s = writer.createStatement()) {
                        s.executeUpdate("UPDATE t SET v = v + 1 WHERE id = 1"); // Holds the write lock from now on.
                    }
                }
                learned[0] = readOnlyTransaction(reader);
            }
            String readOnlyConnection = readOnlyTransaction(readOnlyReader);
            String readThenWrite = readThenWrite(other);
            writer.commit();
            System.out.println("learned=" + learned[0] + " read-only-connection=" + readOnlyConnection
                    + " read-then-write=" + readThenWrite);
        }
    }

    /** Two point reads in one transaction, as a "show" page would do. */
    private static String readOnlyTransaction(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            read(s);
            read(s);
            connection.commit();
            return "ok";
        } catch (SQLException e) {
            connection.rollback();
            return outcome(e);
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static String readThenWrite(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            read(s);
            s.executeUpdate("UPDATE t SET v = v + 1 WHERE id = 1");
            connection.commit();
            return "ok";
        } catch (SQLException e) {
            connection.rollback();
            return outcome(e);
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static void read(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT v FROM t WHERE id = 1")) {
            r.next();
        }
    }

    private static String outcome(SQLException e) {
        return (e.getErrorCode() & 0xFF) == 5 ? "busy" : "error " + e.getMessage();
    }
}
