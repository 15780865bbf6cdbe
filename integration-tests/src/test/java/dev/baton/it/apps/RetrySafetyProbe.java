package dev.baton.it.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.sqlite.SQLiteConnection;

/**
 * Statements that must never be repeated after SQLITE_BUSY, each made to meet BUSY for real: a second connection
 * ({@code holder}) keeps the write lock of a second database file, {@code other}, which the probe's connection has
 * attached. Parts that ran before the BUSY are visible in table {@code t} of the main database: a repeat would apply
 * them twice. Prints one line per case, {@code CASE=busy t=N} (the statement failed with BUSY; N rows of the case
 * in {@code t}) or {@code CASE=ok ...} when it did not fail. Inside a transaction SQLite answers BUSY at once while
 * the connection's busy timeout is two minutes: a repeat would make the probe run for minutes.
 *
 * <pre>java RetrySafetyProbe DIR</pre>
 */
public final class RetrySafetyProbe {
    /** Busy timeout for the cases where SQLite answers BUSY at once: a repeat by Baton would show as a long wait. */
    public static final int PATIENT_MILLIS = 120_000;
    /** Read-only transactions before Baton trusts a place in the code to only read (TransactionSites). */
    private static final int READ_ONLY_ROUNDS = 2;

    private RetrySafetyProbe() {
    }

    public static void main(String[] args) throws Exception {
        String main = "jdbc:sqlite:" + args[0] + "/main.db";
        String other = args[0] + "/other.db";
        try (Connection setup = DriverManager.getConnection(main); Statement s = setup.createStatement()) {
            s.executeUpdate("CREATE TABLE t (id INTEGER NOT NULL, kind TEXT NOT NULL)");
            s.executeUpdate("ATTACH DATABASE '" + other + "' AS other");
            s.executeUpdate("CREATE TABLE other.x (id INTEGER NOT NULL)");
        }
        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + other);
                Connection probe = DriverManager.getConnection(main)) {
            try (Statement s = probe.createStatement()) {
                s.executeUpdate("ATTACH DATABASE '" + other + "' AS other");
                // A temporary trigger may write another schema: the second row of a batch then needs other's lock.
                s.executeUpdate("CREATE TEMP TRIGGER second_row_writes_other AFTER INSERT ON main.t"
                        + " WHEN NEW.kind = 'batch' AND NEW.id = 2 BEGIN INSERT INTO other.x VALUES (NEW.id); END");
            }
            // Inside a transaction SQLite answers BUSY at once; a repeat would wait up to this long.
            probe.unwrap(SQLiteConnection.class).setBusyTimeout(PATIENT_MILLIS);
            for (int round = 0; round <= READ_ONLY_ROUNDS; round++) {
                boolean last = round == READ_ONLY_ROUNDS;
                if (last) {
                    holder.setAutoCommit(false);
                    try (Statement s = holder.createStatement()) {
                        s.executeUpdate("INSERT INTO x VALUES (0)"); // The holder now has other's write lock.
                    }
                }
                statementInTransaction(probe, last);
            }
            multiStatementInTransaction(probe);
            // In autocommit mode SQLite's busy handler waits this long for the holder before BUSY.
            probe.unwrap(SQLiteConnection.class).setBusyTimeout(300);
            multiStatementInAutocommit(probe);
            batchInAutocommit(probe);
            holder.rollback();
        }
    }

    /** Autocommit: the first INSERT commits on its own, the second meets BUSY. */
    private static void multiStatementInAutocommit(Connection probe) throws SQLException {
        String outcome;
        try (Statement s = probe.createStatement()) {
            s.executeUpdate("INSERT INTO t VALUES (1, 'multi'); INSERT INTO other.x VALUES (1)");
            outcome = "ok";
        } catch (SQLException e) {
            outcome = outcome(e);
        }
        System.out.println("multi-statement=" + outcome + " t=" + count(probe, "multi"));
    }

    /** Autocommit: each row of a batch commits on its own; the second row's trigger meets BUSY. */
    private static void batchInAutocommit(Connection probe) throws SQLException {
        String outcome;
        try (PreparedStatement insert = probe.prepareStatement("INSERT INTO t VALUES (?, 'batch')")) {
            for (int id = 1; id <= 3; id++) {
                insert.setInt(1, id);
                insert.addBatch();
            }
            insert.executeBatch();
            outcome = "ok";
        } catch (SQLException e) {
            outcome = outcome(e);
        }
        System.out.println("batch=" + outcome + " t=" + count(probe, "batch"));
    }

    /**
     * Inside a transaction that read {@code other} first: the first INSERT runs, the second cannot upgrade the
     * transaction's read of {@code other} while the holder writes it, and SQLite answers BUSY at once.
     */
    private static void multiStatementInTransaction(Connection probe) throws SQLException {
        String outcome;
        int inTransaction;
        try (Statement s = probe.createStatement()) {
            s.execute("BEGIN");
            readOther(s);
            try {
                s.executeUpdate("INSERT INTO t VALUES (1, 'in-transaction'); INSERT INTO other.x VALUES (1)");
                outcome = "ok";
            } catch (SQLException e) {
                outcome = outcome(e);
            }
            inTransaction = count(probe, "in-transaction");
            s.execute("ROLLBACK");
        }
        System.out.println("multi-statement-in-transaction=" + outcome + " t=" + inTransaction);
    }

    /**
     * A JDBC transaction (autocommit off) that reads {@code other} and, in the last round, then writes it: BUSY at once.
     * The rounds before only read, from the same place in the code, so Baton (which learns where transactions only
     * read) begins the last one DEFERRED, and its write is a statement inside a transaction that met BUSY.
     */
    private static void statementInTransaction(Connection probe, boolean write) throws SQLException {
        String outcome;
        probe.setAutoCommit(false);
        try (Statement s = probe.createStatement()) {
            readOther(s);
            if (write) {
                s.executeUpdate("INSERT INTO other.x VALUES (2)");
            }
            outcome = "ok";
        } catch (SQLException e) {
            outcome = outcome(e);
        }
        probe.rollback();
        probe.setAutoCommit(true);
        if (write) {
            System.out.println("statement-in-transaction=" + outcome);
        }
    }

    private static void readOther(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT count(*) FROM other.x")) {
            r.next();
        }
    }

    private static String outcome(SQLException e) {
        boolean busy = (e.getErrorCode() & 0xFF) == 5 || String.valueOf(e.getMessage()).contains("SQLITE_BUSY");
        return busy ? "busy" : "error(" + e.getErrorCode() + " " + e.getMessage() + ")";
    }

    private static int count(Connection probe, String kind) throws SQLException {
        try (PreparedStatement select = probe.prepareStatement("SELECT count(*) FROM t WHERE kind = ?")) {
            select.setString(1, kind);
            try (ResultSet r = select.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
