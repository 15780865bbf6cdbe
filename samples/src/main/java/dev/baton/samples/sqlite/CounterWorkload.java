package dev.baton.samples.sqlite;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A typical small program sharing one SQLite file with copies of itself: each thread has its own connection with
 * the driver's default settings and alternates two jobs,
 * <ul>
 * <li>an autocommit insert of an item, and</li>
 * <li>a read-then-write transaction: read the counter, write it back plus one, record an item, commit.</li>
 * </ul>
 * Run several processes on one file and some operations fail with SQLITE_BUSY. Prints one summary line:
 * {@code failures=N rows=N counter=N start=MS end=MS} (failed operations, items this process stored, increments it
 * committed, wall-clock start and end of the work in epoch milliseconds).
 *
 * <pre>java dev.baton.samples.sqlite.CounterWorkload DB-FILE NAME THREADS OPERATIONS-PER-THREAD [URL-PARAMETERS]</pre>
 * URL-PARAMETERS (e.g. {@code journal_mode=WAL&synchronous=NORMAL}) are appended to the JDBC URL, so a benchmark can
 * give the program the same settings with and without Baton. THREADS written {@code v16} means 16 virtual threads
 * (Java 21 and later), as a server handling each request on its own virtual thread would.
 */
public final class CounterWorkload {
    private final String url;
    private final String name;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger rows = new AtomicInteger();
    private final AtomicInteger increments = new AtomicInteger();
    private volatile String firstFailure;

    private CounterWorkload(String url, String name) {
        this.url = url;
        this.name = name;
    }

    public static void main(String[] args) throws Exception {
        String file = args[0];
        String name = args.length > 1 ? args[1] : "p";
        String threadsArgument = args.length > 2 ? args[2] : "4";
        boolean virtual = threadsArgument.startsWith("v");
        int threads = Integer.parseInt(virtual ? threadsArgument.substring(1) : threadsArgument);
        int operations = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        String parameters = args.length > 4 && !args[4].isEmpty() ? "?" + args[4] : "";
        CounterWorkload workload = new CounterWorkload("jdbc:sqlite:" + file + parameters, name);
        try {
            workload.createSchema();
        } catch (SQLException e) {
            // A peer may be creating it right now; the workload below reports whether the file is usable.
            workload.failed(e);
        }
        workload.run(threads, virtual, operations);
    }

    private void createSchema() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE IF NOT EXISTS items (id TEXT PRIMARY KEY, kind TEXT NOT NULL)");
            statement.executeUpdate("CREATE TABLE IF NOT EXISTS counter (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)");
            statement.executeUpdate("INSERT OR IGNORE INTO counter (id, value) VALUES (1, 0)");
        }
    }

    private void run(int threads, boolean virtual, int operations) throws Exception {
        StartSignal.awaitIfAsked();
        long start = System.currentTimeMillis();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String worker = name + "-" + t;
            Runnable task = () -> work(worker, operations);
            Thread thread = virtual ? virtualThread(worker, task) : new Thread(task, worker);
            workers.add(thread);
            thread.start();
        }
        for (Thread thread : workers) {
            thread.join();
        }
        if (firstFailure != null) {
            System.err.println("first failure: " + firstFailure);
        }
        long end = System.currentTimeMillis();
        System.out.println("failures=" + failures + " rows=" + rows + " counter=" + increments + " start=" + start
                + " end=" + end);
    }

    /** Thread.ofVirtual().name(name).unstarted(task), reflectively: compiled for Java 17, runs on 21+. */
    private static Thread virtualThread(String name, Runnable task) throws ReflectiveOperationException {
        Class<?> builder = Class.forName("java.lang.Thread$Builder");
        Object named = builder.getMethod("name", String.class).invoke(Thread.class.getMethod("ofVirtual").invoke(null),
                name);
        return (Thread) builder.getMethod("unstarted", Runnable.class).invoke(named, task);
    }

    private void work(String worker, int operations) {
        try (Connection connection = DriverManager.getConnection(url)) {
            for (int i = 0; i < operations; i++) {
                String id = worker + "-" + i;
                try {
                    if (i % 2 == 0) {
                        insert(connection, id, "plain");
                        rows.incrementAndGet();
                    } else {
                        increment(connection, id);
                        rows.incrementAndGet();
                        increments.incrementAndGet();
                    }
                } catch (SQLException e) {
                    failed(e);
                }
            }
        } catch (SQLException e) {
            failed(e);
        }
    }

    private static void insert(Connection connection, String id, String kind) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO items (id, kind) VALUES (?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, kind);
            insert.executeUpdate();
        }
    }

    private static void increment(Connection connection, String id) throws SQLException {
        connection.setAutoCommit(false);
        try {
            long value;
            try (Statement read = connection.createStatement();
                    ResultSet result = read.executeQuery("SELECT value FROM counter WHERE id = 1")) {
                result.next();
                value = result.getLong(1);
            }
            try (PreparedStatement write = connection.prepareStatement("UPDATE counter SET value = ? WHERE id = 1")) {
                write.setLong(1, value + 1);
                write.executeUpdate();
            }
            insert(connection, id, "increment");
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void failed(SQLException e) {
        failures.incrementAndGet();
        if (firstFailure == null) {
            firstFailure = e.toString();
        }
    }
}
