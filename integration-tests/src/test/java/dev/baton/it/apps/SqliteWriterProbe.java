package dev.baton.it.apps;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.sqlite.BusyHandler;
import org.sqlite.SQLiteConnection;

/**
 * One writer of a shared database, as a test drives it (the database has a table {@code log(seq, name)}, see
 * {@link #SCHEMA}). Modes:
 * <ul>
 * <li>{@code hold DB NAME}: begins a transaction, logs NAME, prints {@code holding}, then waits for a line on stdin
 * and commits;</li>
 * <li>{@code write DB NAME POLICY}: one transaction logging NAME and commits; prints {@code wrote NAME} or
 * {@code failed class=C code=N message=M}, then {@code elapsed=MS}. POLICY sets the connection's busy policy after
 * connecting, with the driver's own API: {@code default}, {@code api=MS} ({@code SQLiteConnection.setBusyTimeout}),
 * {@code pragma=MS} ({@code PRAGMA busy_timeout}), {@code handler=N} (an {@code org.sqlite.BusyHandler} that gives
 * up after N calls; its calls are printed as {@code handler-calls=[...]}). Several policies separated by {@code ;}
 * are applied one after the other on the same connection, with one transaction after each (the application changes
 * its policy on a connection that already wrote).</li>
 * <li>{@code two DB NAME}: one thread holds a write transaction on one connection and then writes through a second
 * connection to the same file (busy timeout 500 ms), which must fail BUSY rather than hang; then the first commits.
 * Prints {@code second=busy|ok first=committed}.</li>
 * </ul>
 */
public final class SqliteWriterProbe {
    public static final String SCHEMA = "CREATE TABLE log (seq INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL)";

    private SqliteWriterProbe() {
    }

    public static void main(String[] args) throws Exception {
        String url = "jdbc:sqlite:" + args[1];
        switch (args[0]) {
            case "hold" -> hold(url, args[2]);
            case "write" -> write(url, args[2], args[3]);
            case "two" -> twoConnections(url, args[2]);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void hold(String url, String name) throws Exception {
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false);
            log(connection, name);
            System.out.println("holding");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            connection.commit();
            System.out.println("committed");
        }
    }

    private static void write(String url, String name, String policies) throws Exception {
        try (Connection connection = DriverManager.getConnection(url)) {
            for (String policy : policies.split(";")) {
                List<Integer> handlerCalls = applyPolicy(connection, policy);
                long start = System.nanoTime();
                try {
                    connection.setAutoCommit(false);
                    log(connection, name);
                    connection.commit();
                    System.out.println("wrote " + name);
                } catch (SQLException e) {
                    System.out.println("failed class=" + e.getClass().getName() + " code=" + e.getErrorCode()
                            + " message=" + e.getMessage());
                    connection.rollback();
                }
                connection.setAutoCommit(true); // The next policy is set as the first one was, outside a transaction.
                System.out.println("elapsed=" + (System.nanoTime() - start) / 1_000_000);
                if (handlerCalls != null) {
                    System.out.println("handler-calls=" + handlerCalls);
                }
            }
        }
    }

    private static void twoConnections(String url, String name) throws Exception {
        try (Connection first = DriverManager.getConnection(url);
                Connection second = DriverManager.getConnection(url + "?busy_timeout=500")) {
            first.setAutoCommit(false);
            log(first, name + "-first");
            String outcome;
            try {
                second.setAutoCommit(false);
                log(second, name + "-second");
                second.commit();
                outcome = "ok";
            } catch (SQLException e) {
                outcome = (e.getErrorCode() & 0xFF) == 5 ? "busy" : e.getMessage();
                second.rollback();
            }
            first.commit();
            System.out.println("second=" + outcome + " first=committed");
        }
    }

    /** The busy policy, set after connecting as applications do; returns the custom handler's call log, if any. */
    private static List<Integer> applyPolicy(Connection connection, String policy) throws SQLException {
        int equals = policy.indexOf('=');
        String kind = equals < 0 ? policy : policy.substring(0, equals);
        int value = equals < 0 ? 0 : Integer.parseInt(policy.substring(equals + 1));
        switch (kind) {
            case "default":
                return null;
            case "api":
                connection.unwrap(SQLiteConnection.class).setBusyTimeout(value);
                return null;
            case "pragma":
                try (Statement statement = connection.createStatement()) {
                    statement.execute("PRAGMA busy_timeout = " + value);
                }
                return null;
            case "handler":
                List<Integer> calls = new ArrayList<>();
                BusyHandler.setHandler(connection, new BusyHandler() {
                    @Override
                    protected int callback(int previousCalls) {
                        synchronized (calls) {
                            calls.add(previousCalls);
                        }
                        return previousCalls + 1 < value ? 1 : 0;
                    }
                });
                return calls;
            default:
                throw new IllegalArgumentException(policy);
        }
    }

    private static void log(Connection connection, String name) throws SQLException {
        try (var insert = connection.prepareStatement("INSERT INTO log (name) VALUES (?)")) {
            insert.setString(1, name);
            insert.executeUpdate();
        }
    }
}
