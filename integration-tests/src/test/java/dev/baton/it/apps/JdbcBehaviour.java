package dev.baton.it.apps;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Arrays;

/**
 * A JDBC behaviour suite for sqlite-jdbc that prints a deterministic transcript: results, update counts, generated
 * keys, exception types, error codes and messages. Baton must not change a single line of it.
 *
 * <pre>java dev.baton.it.apps.JdbcBehaviour DB-FILE</pre>
 */
public final class JdbcBehaviour {
    private final Connection connection;

    private JdbcBehaviour(Connection connection) {
        this.connection = connection;
    }

    public static void main(String[] args) throws Exception {
        String url = "jdbc:sqlite:" + args[0];
        try (Connection connection = DriverManager.getConnection(url)) {
            new JdbcBehaviour(connection).run();
        }
        try (Connection first = DriverManager.getConnection(url); Connection second = DriverManager.getConnection(url)) {
            twoConnections(first, second);
        }
    }

    private void run() {
        step("schema", () -> update("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE NOT NULL, n INTEGER)"));
        step("autocommit", () -> connection.getAutoCommit());
        step("insert", () -> update("INSERT INTO t (name, n) VALUES ('a', 1)"));
        step("generated keys", this::generatedKeys);
        step("prepared insert", () -> prepared("INSERT INTO t (name, n) VALUES (?, ?)", "c", 3));
        step("select", () -> query("SELECT id, name, n FROM t ORDER BY id"));
        step("syntax error", () -> update("INSERT INTO nowhere VALUES (1)"));
        step("constraint", () -> update("INSERT INTO t (name, n) VALUES ('a', 9)"));
        step("not null", () -> prepared("INSERT INTO t (name, n) VALUES (?, ?)", null, 1));

        step("begin", () -> { connection.setAutoCommit(false); return connection.getAutoCommit(); });
        step("commit without statements", () -> { connection.commit(); return "committed"; });
        step("rollback without statements", () -> { connection.rollback(); return "rolled back"; });
        step("tx insert", () -> update("INSERT INTO t (name, n) VALUES ('tx1', 10)"));
        step("tx read own write", () -> query("SELECT count(*) FROM t"));
        step("rollback", () -> { connection.rollback(); return query("SELECT count(*) FROM t"); });
        step("tx read then write", () -> query("SELECT n FROM t WHERE name = 'a'") + " "
                + update("UPDATE t SET n = n + 1 WHERE name = 'a'"));
        step("commit", () -> { connection.commit(); return query("SELECT n FROM t WHERE name = 'a'"); });
        step("savepoint", this::savepoints);
        step("error inside tx keeps tx", () -> update("INSERT INTO t (name, n) VALUES ('c', 0)"));
        step("tx still usable", () -> update("INSERT INTO t (name, n) VALUES ('after-error', 0)"));
        step("commit after error", () -> { connection.commit(); return query("SELECT count(*) FROM t"); });
        step("batch", this::batch);
        step("failing batch", this::failingBatch);
        step("rollback failed batch", () -> { connection.rollback(); return query("SELECT count(*) FROM t"); });
        step("multi-statement update", () -> update("INSERT INTO t (name) VALUES ('m1'); INSERT INTO t (name) VALUES ('m2')"));
        step("commit multi", () -> { connection.commit(); return query("SELECT count(*) FROM t"); });
        step("back to autocommit", () -> { connection.setAutoCommit(true); return connection.getAutoCommit(); });
        step("commit in autocommit", () -> { connection.commit(); return "no error"; });
        step("text transaction", () -> update("BEGIN") + " " + update("INSERT INTO t (name) VALUES ('text')") + " "
                + update("ROLLBACK") + " " + query("SELECT count(*) FROM t WHERE name = 'text'"));
        step("autocommit batch", this::batch);
        step("final", () -> query("SELECT id, name, n FROM t ORDER BY id"));
    }

    private static void twoConnections(Connection first, Connection second) {
        step("second sees committed", () -> {
            first.setAutoCommit(false);
            int changed;
            try (Statement s = first.createStatement()) {
                changed = s.executeUpdate("UPDATE t SET n = 100 WHERE name = 'a'");
            }
            String before;
            try (Statement s = second.createStatement(); ResultSet r = s.executeQuery("SELECT n FROM t WHERE name = 'a'")) {
                r.next();
                before = r.getString(1);
            }
            first.commit();
            first.setAutoCommit(true);
            try (Statement s = second.createStatement(); ResultSet r = s.executeQuery("SELECT n FROM t WHERE name = 'a'")) {
                r.next();
                return changed + " " + before + " " + r.getString(1);
            }
        });
        step("idle transaction blocks nobody", () -> {
            first.setAutoCommit(false);
            try (Statement s = second.createStatement()) {
                int changed = s.executeUpdate("UPDATE t SET n = 200 WHERE name = 'a'");
                first.rollback();
                first.setAutoCommit(true);
                return changed;
            }
        });
    }

    private String generatedKeys() throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t (name, n) VALUES (?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, "b");
            insert.setInt(2, 2);
            int count = insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return count + " key=" + keys.getLong(1);
            }
        }
    }

    private String savepoints() throws SQLException {
        update("INSERT INTO t (name, n) VALUES ('sp-kept', 1)");
        Savepoint savepoint = connection.setSavepoint("sp");
        update("INSERT INTO t (name, n) VALUES ('sp-undone', 2)");
        connection.rollback(savepoint);
        Savepoint second = connection.setSavepoint();
        update("INSERT INTO t (name, n) VALUES ('sp-released', 3)");
        connection.releaseSavepoint(second);
        connection.commit();
        return query("SELECT name FROM t WHERE name LIKE 'sp-%' ORDER BY name");
    }

    private String batch() throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO t (name, n) VALUES (?, ?)")) {
            for (int i = 0; i < 3; i++) {
                insert.setString(1, "batch-" + connection.getAutoCommit() + "-" + i);
                insert.setInt(2, i);
                insert.addBatch();
            }
            int[] counts = insert.executeBatch();
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            return Arrays.toString(counts) + " " + query("SELECT count(*) FROM t");
        }
    }

    private String failingBatch() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.addBatch("INSERT INTO t (name, n) VALUES ('fb-1', 1)");
            statement.addBatch("INSERT INTO t (name, n) VALUES ('a', 1)");
            statement.addBatch("INSERT INTO t (name, n) VALUES ('fb-3', 1)");
            return Arrays.toString(statement.executeBatch());
        }
    }

    private int update(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        }
    }

    private int prepared(String sql, String name, int n) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, name);
            statement.setInt(2, n);
            return statement.executeUpdate();
        }
    }

    private String query(String sql) throws SQLException {
        StringBuilder rows = new StringBuilder();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                rows.append(rows.length() == 0 ? "" : "|");
                for (int c = 1; c <= columns; c++) {
                    rows.append(c == 1 ? "" : ",").append(result.getString(c));
                }
            }
        }
        return rows.toString();
    }

    interface Step {
        Object run() throws Exception;
    }

    private static void step(String name, Step step) {
        String outcome;
        try {
            outcome = String.valueOf(step.run());
        } catch (SQLException e) {
            outcome = "SQLException code=" + e.getErrorCode() + " state=" + e.getSQLState() + " " + e.getMessage();
        } catch (Exception e) {
            outcome = e.getClass().getName() + " " + e.getMessage();
        }
        System.out.println(name + ": " + outcome);
    }
}
