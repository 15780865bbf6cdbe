package dev.baton.it.apps;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A point lookup on a virtual thread while slow queries occupy every carrier (and, in Baton's pool mode, more pool
 * threads than the old fixed default had). The slow queries never end by themselves: a recursive CTE without a
 * limit, stopped by Statement.cancel() at the end. So "the lookup completed while they ran" does not depend on
 * timing: without Baton the pinned carriers never free up and the lookup cannot even start.
 *
 * <pre>
 *   LookupUnderLoadApp DB_FILE SLOW_QUERIES WAIT_SECONDS
 * </pre>
 * Prints {@code lookup=VALUE} (or {@code lookup=stuck} when it had not completed after WAIT_SECONDS) and
 * {@code slow_queries_running=N} (how many slow queries were still inside SQLite at that moment).
 */
public final class LookupUnderLoadApp {
    private static final String ENDLESS = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)"
            + " SELECT count(*) FROM c";

    private static volatile boolean stopping;

    private LookupUnderLoadApp() {
    }

    public static void main(String[] args) throws Exception {
        String url = "jdbc:sqlite:" + Path.of(args[0]).toAbsolutePath();
        int slowQueries = Integer.parseInt(args[1]);
        int waitSeconds = Integer.parseInt(args[2]);
        int carriers = Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
                Runtime.getRuntime().availableProcessors());
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE kv (k INTEGER PRIMARY KEY, v TEXT)");
            s.executeUpdate("INSERT INTO kv VALUES (42, 'forty-two')");
        }

        List<Statement> running = new CopyOnWriteArrayList<>();
        List<Thread> slow = new ArrayList<>();
        for (int i = 1; i <= slowQueries; i++) {
            Thread thread = VirtualThreads.unstarted("slow-" + i, () -> endless(url, running));
            slow.add(thread);
            thread.start();
        }
        // Every carrier is pinned inside SQLite before the lookup is even started.
        while (insideSqlite(slow) < Math.min(carriers, slowQueries)) {
            Thread.sleep(10);
        }

        String[] value = new String[1];
        CountDownLatch done = new CountDownLatch(1);
        Thread lookup = VirtualThreads.unstarted("lookup", () -> {
            value[0] = lookup(url);
            done.countDown();
        });
        lookup.start();
        boolean completed = done.await(waitSeconds, TimeUnit.SECONDS);
        int stillRunning = insideSqlite(slow);
        System.out.println("lookup=" + (completed ? value[0] : "stuck"));
        System.out.println("slow_queries_running=" + stillRunning);

        // Cancel needs no lock (sqlite3_interrupt) but only stops a query already running, so it is repeated until
        // every slow thread has ended; one that starts late sees the flag. The lookup then ends too if it was stuck.
        stopping = true;
        while (slow.stream().anyMatch(Thread::isAlive)) {
            for (Statement statement : running) {
                try {
                    statement.cancel();
                } catch (SQLException e) {
                    // Its thread already ended and closed the connection.
                }
            }
            for (Thread thread : slow) {
                thread.join(10);
            }
        }
        lookup.join();
        System.out.println("lookup_at_the_end=" + value[0]);
    }

    private static void endless(String url, List<Statement> running) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            running.add(s);
            if (!stopping) {
                s.executeQuery(ENDLESS);
            }
        } catch (SQLException e) {
            // Interrupted by cancel(): the expected end.
        }
    }

    private static String lookup(String url) {
        try (Connection c = DriverManager.getConnection(url);
                PreparedStatement p = c.prepareStatement("SELECT v FROM kv WHERE k = ?")) {
            p.setInt(1, 42);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getString(1) : "none";
            }
        } catch (SQLException e) {
            return "error " + e;
        }
    }

    /**
     * How many SQLite steps run right now: on the slow virtual threads themselves, or on platform threads (Baton's
     * pool runs them there). Thread.getAllStackTraces() lists platform threads only, a carrier without the frames of
     * the virtual thread it carries, so nothing is counted twice.
     */
    private static int insideSqlite(List<Thread> slow) {
        int inside = 0;
        for (Thread thread : slow) {
            inside += steps(thread.getStackTrace());
        }
        for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
            inside += steps(stack);
        }
        return inside;
    }

    private static int steps(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().equals("org.sqlite.core.NativeDB") && frame.getMethodName().equals("step")) {
                return 1;
            }
        }
        return 0;
    }
}
