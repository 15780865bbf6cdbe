package dev.baton.it.apps;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import org.sqlite.Function;
import org.sqlite.SQLiteConnection;

/**
 * Uses sqlite-jdbc from named virtual threads in every way Baton's offload treats differently, and prints what it
 * gets (results, exceptions) so that a run with Baton can be compared line by line with a run without. Which thread
 * ran each call is read from the JFR recording by the test, never printed here.
 *
 * <p>Virtual threads: vt-work (offloaded calls), vt-failures (exceptions), vt-locked (holds the monitor of the
 * connection, then of its DB: inline), vt-function and vt-listener (Java callbacks registered: inline). A platform thread
 * "platform-work" must never be offloaded.
 */
public final class OffloadApp {
    private OffloadApp() {
    }

    public static void main(String[] args) throws Exception {
        String url = "jdbc:sqlite:" + Path.of(args[0]).toAbsolutePath();
        try (Connection setup = DriverManager.getConnection(url); Statement s = setup.createStatement()) {
            s.executeUpdate("CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL)");
        }
        runIn(virtual("vt-work", () -> work(url)));
        runIn(virtual("vt-failures", () -> failures(url)));
        runIn(virtual("vt-locked", () -> locked(url)));
        runIn(virtual("vt-function", () -> withFunction(url)));
        runIn(virtual("vt-listener", () -> withListener(url)));
        runIn(new Thread(() -> call(() -> print("platform count", count(url))), "platform-work"));
    }

    private static void work(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            try (Statement s = c.createStatement()) {
                print("executeUpdate", s.executeUpdate("INSERT INTO item (name) VALUES ('a'), ('b'), ('c')"));
                print("execute", s.execute("SELECT name FROM item ORDER BY id"));
                print("execute rows", rows(s.getResultSet()));
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO item (name) VALUES (?)")) {
                for (String name : new String[] {"d", "e", "f"}) {
                    p.setString(1, name);
                    p.addBatch();
                }
                print("executeBatch", Arrays.toString(p.executeBatch()));
                p.setString(1, "g");
                print("prepared executeUpdate", p.executeUpdate());
            }
            try (PreparedStatement p = c.prepareStatement("SELECT name FROM item WHERE id > ? ORDER BY id")) {
                p.setInt(1, 2);
                print("prepared executeQuery", rows(p.executeQuery()));
            }
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO item (name) VALUES ('rolled back')");
                c.rollback();
                s.executeUpdate("INSERT INTO item (name) VALUES ('h')");
                Savepoint savepoint = c.setSavepoint("sp");
                s.executeUpdate("INSERT INTO item (name) VALUES ('undone')");
                c.rollback(savepoint);
                c.commit();
            }
            c.setAutoCommit(true);
            print("after transaction", count(url));
        }
    }

    private static void failures(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            failure("syntax", () -> s.executeQuery("SELEC name FROM item"));
            failure("unique", () -> s.executeUpdate("INSERT INTO item (name) VALUES ('a')"));
            failure("not a query", () -> s.executeQuery("UPDATE item SET name = name WHERE 0"));
            try (PreparedStatement p = c.prepareStatement("INSERT INTO item (id, name) VALUES (?, NULL)")) {
                p.setInt(1, 999);
                failure("not null", p::executeUpdate);
            }
        }
    }

    private static void locked(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            synchronized (c) {
                print("locked count", count(c));
            }
            synchronized (c.unwrap(SQLiteConnection.class).getDatabase()) {
                print("database locked count", count(c));
            }
        }
    }

    /** Registered after connecting; the function sees the thread that runs the statement, as without Baton. */
    private static void withFunction(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            Function.create(c, "shout", new Function() {
                @Override
                protected void xFunc() throws SQLException {
                    result(value_text(0).toUpperCase() + "@" + Thread.currentThread().getName());
                }
            });
            try (Statement s = c.createStatement()) {
                print("function", rows(s.executeQuery("SELECT shout(name) FROM item ORDER BY id LIMIT 2")));
            }
        }
    }

    private static void withListener(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            int[] updates = new int[1];
            Set<String> threads = new TreeSet<>();
            c.unwrap(SQLiteConnection.class).addUpdateListener((type, database, table, rowId) -> {
                updates[0]++;
                threads.add(Thread.currentThread().getName());
            });
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE item SET name = name || '!' WHERE id <= 2");
            }
            print("listener updates", updates[0] + " on " + threads);
        }
    }

    private static int count(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            return count(c);
        }
    }

    private static int count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM item")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String rows(ResultSet rs) throws SQLException {
        StringBuilder rows = new StringBuilder();
        try (rs) {
            while (rs.next()) {
                rows.append(rows.length() == 0 ? "" : ",").append(rs.getString(1));
            }
        }
        return rows.toString();
    }

    /** Prints everything the application could see of the exception, and whether its trace shows the caller. */
    private static void failure(String what, SqlAction action) {
        try {
            action.run();
            print(what, "no exception");
        } catch (SQLException e) {
            // The whole trace, so that a run with Baton must show exactly the frames a run without shows.
            StringBuilder trace = new StringBuilder();
            for (StackTraceElement frame : e.getStackTrace()) {
                trace.append("\n    at ").append(frame.getClassName()).append('.').append(frame.getMethodName())
                        .append(':').append(frame.getLineNumber());
            }
            print(what, e.getClass().getName() + " | " + e.getMessage() + " | code " + e.getErrorCode() + " | state "
                    + e.getSQLState() + trace);
        }
    }

    private interface SqlAction {
        Object run() throws SQLException;
    }

    private interface SqlTask {
        void run() throws Exception;
    }

    private static void print(String what, Object value) {
        System.out.println(what + ": " + value);
    }

    private static void call(SqlTask task) {
        try {
            task.run();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void runIn(Thread thread) throws InterruptedException {
        Throwable[] failure = new Throwable[1];
        thread.setUncaughtExceptionHandler((t, e) -> failure[0] = e);
        thread.start();
        thread.join();
        if (failure[0] != null) {
            throw new IllegalStateException(thread.getName() + " failed", failure[0]);
        }
    }

    private static Thread virtual(String name, SqlTask task) throws ReflectiveOperationException {
        return VirtualThreads.unstarted(name, () -> call(task));
    }
}
