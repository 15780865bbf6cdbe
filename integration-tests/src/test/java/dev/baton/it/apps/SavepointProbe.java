package dev.baton.it.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;

/**
 * A read-then-write transaction opened by {@code Connection.setSavepoint()} on an autocommit connection (WAL mode).
 * sqlite-jdbc opens it with "SAVEPOINT x" alone, no BEGIN: SQLite begins a deferred transaction. After the
 * transaction's read, another connection (another thread) writes one row and commits; then the transaction writes.
 * <ul>
 * <li>Without a write lock taken up front, the other writer commits at once and the transaction's write is refused
 * with BUSY (SQLITE_BUSY_SNAPSHOT: its snapshot is stale; no retry of the write can help).</li>
 * <li>With the write lock taken before the first read (as Baton does for BEGIN), the other writer waits (it is seen
 * parked in Baton's queue) and the transaction writes, then ends; only then does the other writer go on.</li>
 * </ul>
 * Two ways to end it: {@code commit()}, and {@code releaseSavepoint} of the savepoint that opened it (in SQLite that
 * commits). Prints {@code commit=ok|busy release=ok|busy v=N}: v counts the increments committed, 4 when all four
 * writes (two per round) committed, 2 when both transactions failed.
 *
 * <p>With the argument {@code refused}, instead: while another connection holds a write transaction, a savepoint
 * transaction's first statement is refused with BUSY (its busy timeout is 100 ms); the holder commits, the statement
 * is run again, the transaction writes and releases its savepoint. Prints {@code first=busy|ok after-release=N}: N is
 * the value another connection then reads, 1 when the release committed the write.
 */
public final class SavepointProbe {
    private SavepointProbe() {
    }

    public static void main(String[] args) throws Exception {
        String url = "jdbc:sqlite:" + args[0];
        try (Connection setup = DriverManager.getConnection(url); Statement s = setup.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.executeUpdate("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)");
            s.executeUpdate("INSERT INTO t VALUES (1, 0)");
        }
        if (args.length > 1 && args[1].equals("refused")) {
            refusedFirst(url);
            return;
        }
        // An hour: nobody here gives up waiting for the lock, so a refusal can only be the stale snapshot.
        String patient = url + "?busy_timeout=3600000";
        String commit = round(patient, false);
        String release = round(patient, true);
        try (Connection check = DriverManager.getConnection(url); Statement s = check.createStatement();
                ResultSet r = s.executeQuery("SELECT v FROM t WHERE id = 1")) {
            r.next();
            System.out.println("commit=" + commit + " release=" + release + " v=" + r.getInt(1));
        }
    }

    private static void refusedFirst(String url) throws Exception {
        try (Connection holder = DriverManager.getConnection(url);
                Connection transaction = DriverManager.getConnection(url + "?busy_timeout=100");
                Statement s = transaction.createStatement()) {
            holder.setAutoCommit(false);
            try (Statement h = holder.createStatement()) {
                h.executeUpdate("UPDATE t SET v = v WHERE id = 1"); // Holds the write lock from now on.
            }
            Savepoint savepoint = transaction.setSavepoint();
            String first;
            try {
                read(s);
                first = "ok";
            } catch (SQLException e) {
                first = (e.getErrorCode() & 0xFF) == 5 ? "busy" : "error " + e.getMessage();
            }
            holder.commit();
            read(s);
            s.executeUpdate("UPDATE t SET v = v + 1 WHERE id = 1");
            transaction.releaseSavepoint(savepoint);
            System.out.println("first=" + first + " after-release=" + value(url));
        }
    }

    private static void read(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT v FROM t WHERE id = 1")) {
            r.next();
        }
    }

    private static int value(String url) throws SQLException {
        try (Connection check = DriverManager.getConnection(url); Statement s = check.createStatement();
                ResultSet r = s.executeQuery("SELECT v FROM t WHERE id = 1")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static String round(String url, boolean endByRelease) throws Exception {
        try (Connection transaction = DriverManager.getConnection(url)) {
            Savepoint savepoint = transaction.setSavepoint();
            try (Statement s = transaction.createStatement()) {
                try (ResultSet r = s.executeQuery("SELECT v FROM t WHERE id = 1")) {
                    r.next();
                }
                OtherWriter other = new OtherWriter(url);
                other.start();
                other.writingOrDone();
                s.executeUpdate("UPDATE t SET v = v + 1 WHERE id = 1");
                if (endByRelease) {
                    transaction.releaseSavepoint(savepoint);
                } else {
                    transaction.commit();
                }
                other.join();
                if (other.failure != null) {
                    throw other.failure;
                }
                return "ok";
            } catch (SQLException e) {
                if ((e.getErrorCode() & 0xFF) != 5) {
                    throw e;
                }
                transaction.rollback();
                return "busy";
            }
        }
    }

    /** Another connection writing one row in autocommit mode while the savepoint transaction is open. */
    private static final class OtherWriter extends Thread {
        private final String url;
        private final CountDownLatch aboutToWrite = new CountDownLatch(1);
        private volatile Exception failure;

        OtherWriter(String url) {
            this.url = url;
            setDaemon(true);
        }

        @Override
        public void run() {
            try (Connection connection = DriverManager.getConnection(url);
                    Statement s = connection.createStatement()) {
                aboutToWrite.countDown();
                s.executeUpdate("UPDATE t SET v = v + 1 WHERE id = 1");
            } catch (Exception e) {
                failure = e;
            }
        }

        /**
         * Returns once this writer committed, or waits for the lock in Baton's writer queue (parked in one of Baton's
         * frames). A thread merely blocked on a monitor on its way there does not count: the transaction would write
         * before the other writer had its chance to commit, and the probe could no longer tell the outcomes apart.
         */
        void writingOrDone() throws InterruptedException {
            aboutToWrite.await();
            while (isAlive() && !parkedInBaton()) {
                Thread.onSpinWait();
            }
        }

        private boolean parkedInBaton() {
            State state = getState();
            if (state != State.WAITING && state != State.TIMED_WAITING) {
                return false;
            }
            for (StackTraceElement frame : getStackTrace()) {
                if (frame.getClassName().startsWith("dev.baton.sqlite.")) {
                    return true;
                }
            }
            return false;
        }
    }
}
