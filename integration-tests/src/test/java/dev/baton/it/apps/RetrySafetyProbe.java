package dev.baton.it.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteCommitListener;
import org.sqlite.SQLiteConnection;

/**
 * Statements that must never be repeated after SQLITE_BUSY, each made to meet BUSY for real after part of its work
 * is done. Prints one line per case, {@code CASE=ok|busy t=N} (N: rows of the case in table {@code t}).
 * <ul>
 * <li>Autocommit, a multi-statement text and a batch: each part commits on its own. Right after the first part
 * commits, another connection takes the write lock and keeps it for 200 ms (a progress handler runs the grab before
 * the second part asks for the lock). SQLite's own busy handler waits for it, and the work completes: every row
 * once. Had Baton cut that wait short and repeated the statement, the first part would be written twice.</li>
 * <li>Inside a transaction that read the attached database {@code other} first, while another connection keeps
 * {@code other}'s write lock: SQLite answers BUSY at once. The connection's busy timeout is two minutes there, so a
 * repeat would keep the probe running for minutes; the multi-statement text would apply its first part twice.</li>
 * </ul>
 *
 * <pre>java RetrySafetyProbe DIR</pre>
 */
public final class RetrySafetyProbe {
    /** Busy timeout for the cases where SQLite answers BUSY at once: a repeat by Baton would show as a long wait. */
    public static final int PATIENT_MILLIS = 120_000;
    /** Read-only transactions before Baton trusts a place in the code to only read (TransactionSites). */
    private static final int READ_ONLY_ROUNDS = 2;
    private static final long HOLD_MILLIS = 200;

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
        try (Connection probe = DriverManager.getConnection(main + "?busy_timeout=10000");
                Connection grabber = DriverManager.getConnection(main + "?busy_timeout=10000")) {
            multiStatementInAutocommit(probe, grabber);
            batchInAutocommit(probe, grabber);
        }
        try (Connection holder = DriverManager.getConnection("jdbc:sqlite:" + other);
                Connection probe = DriverManager.getConnection(main)) {
            try (Statement s = probe.createStatement()) {
                s.executeUpdate("ATTACH DATABASE '" + other + "' AS other");
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
            holder.rollback();
        }
    }

    private static void multiStatementInAutocommit(Connection probe, Connection grabber) throws Exception {
        String outcome;
        try (LockGrab grab = new LockGrab(probe, grabber); Statement s = probe.createStatement()) {
            s.executeUpdate("INSERT INTO t VALUES (1, 'multi'); INSERT INTO t VALUES (2, 'multi')");
            outcome = grab.happened() ? "ok" : "the lock was never grabbed";
        } catch (SQLException e) {
            outcome = outcome(e);
        }
        System.out.println("multi-statement=" + outcome + " t=" + count(probe, "multi"));
    }

    private static void batchInAutocommit(Connection probe, Connection grabber) throws Exception {
        String outcome;
        try (LockGrab grab = new LockGrab(probe, grabber);
                PreparedStatement insert = probe.prepareStatement("INSERT INTO t VALUES (?, 'batch')")) {
            for (int id = 1; id <= 3; id++) {
                insert.setInt(1, id);
                insert.addBatch();
            }
            insert.executeBatch();
            outcome = grab.happened() ? "ok" : "the lock was never grabbed";
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
     * A JDBC transaction (autocommit off) that reads {@code other} and, in the last round, then writes it: BUSY at
     * once.
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

    /**
     * Once the probe's first commit is done, and before its next statement asks for the lock, another connection
     * takes the write lock (on another thread) and keeps it for {@link #HOLD_MILLIS}. The probe's progress handler
     * runs the grab: it is called before a statement's first lock request.
     */
    private static final class LockGrab implements AutoCloseable {
        private final Connection probe;
        private final SQLiteCommitListener listener;
        private final CountDownLatch held = new CountDownLatch(1);
        private volatile boolean committed;
        private volatile boolean started;
        private Thread grabbing;

        LockGrab(Connection probe, Connection grabber) throws SQLException {
            this.probe = probe;
            listener = new SQLiteCommitListener() {
                @Override
                public void onCommit() {
                    committed = true;
                }

                @Override
                public void onRollback() {
                }
            };
            probe.unwrap(SQLiteConnection.class).addCommitListener(listener);
            ProgressHandler.setHandler(probe, 1, new ProgressHandler() {
                @Override
                protected int progress() throws SQLException {
                    if (committed && !started) {
                        started = true;
                        grabbing = new Thread(() -> hold(grabber), "grabber");
                        grabbing.start();
                        try {
                            if (!held.await(60, TimeUnit.SECONDS)) {
                                throw new SQLException("the grabber never got the lock");
                            }
                        } catch (InterruptedException e) {
                            throw new SQLException(e);
                        }
                    }
                    return 0;
                }
            });
        }

        private void hold(Connection grabber) {
            try {
                grabber.setAutoCommit(false);
                try (Statement s = grabber.createStatement()) {
                    s.executeUpdate("INSERT INTO t VALUES (0, 'grabber')");
                }
                held.countDown();
                Thread.sleep(HOLD_MILLIS);
                grabber.rollback();
                grabber.setAutoCommit(true);
            } catch (Exception e) {
                e.printStackTrace();
                held.countDown();
            }
        }

        boolean happened() {
            return started;
        }

        @Override
        public void close() throws Exception {
            ProgressHandler.clearHandler(probe);
            probe.unwrap(SQLiteConnection.class).removeCommitListener(listener);
            if (grabbing != null) {
                grabbing.join();
            }
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
