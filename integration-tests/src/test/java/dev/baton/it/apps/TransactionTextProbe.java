package dev.baton.it.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Transactions an application opens or shapes in ways the JDBC API does not announce, each printing one line of
 * outcomes (never timings), to compare with and without Baton:
 * <ul>
 * <li>{@code commented-begin}: BEGIN text behind a comment, then setAutoCommit(false), an insert, commit():
 * {@code autocommit-off=ok|failed insert=ok|failed rows=N};</li>
 * <li>{@code isolation}: two idle pooled connections set up as HikariCP does (setAutoCommit(false), then
 * setTransactionIsolation), then a third connection's autocommit insert: {@code second=ok|failed insert=ok|failed};</li>
 * <li>{@code explicit-readonly}: with {@code jdbc.explicit_readonly}, a read-only transaction stays open while another
 * connection inserts (WAL): {@code reader=N insert=ok|failed};</li>
 * <li>{@code text-commit}: a JDBC transaction (autocommit off) ended with COMMIT as SQL text, its connection then
 * idle while another connection inserts three times: {@code inserts=N rows=N};</li>
 * <li>{@code foreign-release}: with autocommit off and nothing run yet, releasing a savepoint this connection never
 * set, then another connection's insert: {@code release=ok|failed insert=ok|failed}.</li>
 * </ul>
 * Usage: TransactionTextProbe DB-FILE MODE (busy timeouts of 1 s: a failure is SQLITE_BUSY after it)
 */
public final class TransactionTextProbe {
    private TransactionTextProbe() {
    }

    public static void main(String[] args) throws Exception {
        String url = "jdbc:sqlite:" + args[0];
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)");
        }
        switch (args[1]) {
            case "commented-begin" -> commentedBegin(url);
            case "isolation" -> isolation(url + "?busy_timeout=1000");
            case "explicit-readonly" -> explicitReadOnly(url);
            case "text-commit" -> textCommit(url + "?busy_timeout=1000");
            case "foreign-release" -> foreignRelease(url + "?busy_timeout=1000");
            default -> throw new IllegalArgumentException(args[1]);
        }
    }

    private static void commentedBegin(String url) throws SQLException {
        String autocommitOff;
        String insert;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("-- import batch\nBEGIN");
            s.executeUpdate("INSERT INTO t(v) VALUES('a')");
            autocommitOff = outcome(() -> c.setAutoCommit(false));
            insert = outcome(() -> s.executeUpdate("INSERT INTO t(v) VALUES('b')"));
            c.commit();
        }
        System.out.println("autocommit-off=" + autocommitOff + " insert=" + insert + " rows=" + rows(url));
    }

    private static void isolation(String url) throws SQLException {
        try (Connection first = DriverManager.getConnection(url); Connection second = DriverManager.getConnection(url)) {
            first.setAutoCommit(false);
            first.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            second.setAutoCommit(false);
            String secondSetUp = outcome(() -> second.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE));
            String insert;
            try (Connection third = DriverManager.getConnection(url); Statement s = third.createStatement()) {
                insert = outcome(() -> s.executeUpdate("INSERT INTO t(v) VALUES('c')"));
            }
            System.out.println("second=" + secondSetUp + " insert=" + insert);
        }
    }

    private static void explicitReadOnly(String url) throws SQLException {
        Properties readOnly = new Properties();
        readOnly.setProperty("jdbc.explicit_readonly", "true");
        readOnly.setProperty("busy_timeout", "1000");
        try (Connection reader = DriverManager.getConnection(url, readOnly)) {
            reader.setAutoCommit(false);
            reader.setReadOnly(true);
            long seen;
            try (Statement s = reader.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM t")) {
                r.next();
                seen = r.getLong(1);
            }
            String insert;
            try (Connection writer = DriverManager.getConnection(url + "?busy_timeout=1000");
                    Statement s = writer.createStatement()) {
                insert = outcome(() -> s.executeUpdate("INSERT INTO t(v) VALUES('w')"));
            }
            reader.commit();
            System.out.println("reader=" + seen + " insert=" + insert);
        }
    }

    private static void textCommit(String url) throws SQLException {
        try (Connection first = DriverManager.getConnection(url)) {
            first.setAutoCommit(false);
            try (Statement s = first.createStatement()) {
                s.executeUpdate("INSERT INTO t(v) VALUES('first')");
                s.execute("COMMIT");
            }
            int inserted = 0;
            try (Connection second = DriverManager.getConnection(url); Statement s = second.createStatement()) {
                for (int i = 0; i < 3; i++) {
                    inserted += outcome(() -> s.executeUpdate("INSERT INTO t(v) VALUES('second')")).equals("ok")
                            ? 1 : 0;
                }
            }
            System.out.println("inserts=" + inserted + " rows=" + rows(url));
        }
    }

    private static void foreignRelease(String url) throws SQLException {
        try (Connection first = DriverManager.getConnection(url)) {
            first.setAutoCommit(false);
            String release = outcome(() -> first.releaseSavepoint(new java.sql.Savepoint() {
                @Override
                public int getSavepointId() {
                    return 9;
                }

                @Override
                public String getSavepointName() {
                    return "NEVER_SET";
                }
            }));
            String insert;
            try (Connection second = DriverManager.getConnection(url); Statement s = second.createStatement()) {
                insert = outcome(() -> s.executeUpdate("INSERT INTO t(v) VALUES('second')"));
            }
            first.rollback();
            System.out.println("release=" + release + " insert=" + insert);
        }
    }

    private interface Action {
        void run() throws SQLException;
    }

    private static String outcome(Action action) {
        try {
            action.run();
            return "ok";
        } catch (SQLException e) {
            return "failed";
        }
    }

    private static long rows(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM t")) {
            r.next();
            return r.getLong(1);
        }
    }
}
