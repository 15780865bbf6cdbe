package dev.baton.samples.sqlite;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A read-mostly service sharing one SQLite file with copies of itself, as a web application's workers would: each
 * thread has its own connection and runs transactions, 90% of them read-only (2 to 5 point lookups of accounts) and
 * 10% read-then-write (read an account's balance, write it back plus one, log the change). Prints one summary line:
 * {@code failures=N busy=N reads=N writes=N start=MS end=MS} (failed transactions, how many of them failed with
 * SQLITE_BUSY, committed read-only and read-then-write transactions, wall-clock start and end of the work).
 *
 * <p>With {@code retry} as last argument, a transaction refused with SQLITE_BUSY is rolled back and run again until
 * it commits, as an application that must not lose a deposit does without Baton; {@code busy} then counts the
 * refused attempts, and {@code failures} only transactions that failed otherwise.
 *
 * <pre>java dev.baton.samples.sqlite.MixedWorkload DB-FILE NAME THREADS TRANSACTIONS-PER-THREAD [URL-PARAMETERS [READ-ONLY-PERCENT [retry]]]</pre>
 * The database must exist with {@link #createSchema}'s tables ({@code ACCOUNTS} rows).
 */
public final class MixedWorkload {
    public static final int ACCOUNTS = 1000;
    private static final int READ_ONLY_PERCENT = 90;
    private final int readOnlyPercent;
    /** Run a transaction refused with SQLITE_BUSY again until it commits. */
    private final boolean retryBusy;

    private final String url;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger busy = new AtomicInteger();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();
    private volatile String firstFailure;

    private MixedWorkload(String url, int readOnlyPercent, boolean retryBusy) {
        this.url = url;
        this.readOnlyPercent = readOnlyPercent;
        this.retryBusy = retryBusy;
    }

    public static void main(String[] args) throws Exception {
        String parameters = args.length > 4 && !args[4].isEmpty() ? "?" + args[4] : "";
        int readOnlyPercent = args.length > 5 && !args[5].isEmpty() ? Integer.parseInt(args[5]) : READ_ONLY_PERCENT;
        boolean retryBusy = args.length > 6 && args[6].equals("retry");
        MixedWorkload workload = new MixedWorkload("jdbc:sqlite:" + args[0] + parameters, readOnlyPercent, retryBusy);
        workload.run(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
    }

    /** The tables and {@link #ACCOUNTS} accounts with balance 0. */
    public static void createSchema(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.createStatement().executeUpdate(
                    "CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance INTEGER NOT NULL)");
            connection.createStatement().executeUpdate(
                    "CREATE TABLE changes (id TEXT PRIMARY KEY, account INTEGER NOT NULL)");
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO accounts VALUES (?, 0)")) {
                for (int id = 0; id < ACCOUNTS; id++) {
                    insert.setInt(1, id);
                    insert.executeUpdate();
                }
            }
            connection.commit();
        }
    }

    private void run(String name, int threads, int transactions) throws Exception {
        StartSignal.awaitIfAsked();
        long start = System.currentTimeMillis();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String worker = name + "-" + t;
            Thread thread = new Thread(() -> work(worker, transactions), worker);
            workers.add(thread);
            thread.start();
        }
        for (Thread thread : workers) {
            thread.join();
        }
        long end = System.currentTimeMillis();
        if (firstFailure != null) {
            System.err.println("first failure: " + firstFailure);
        }
        System.out.println("failures=" + failures + " busy=" + busy + " reads=" + reads + " writes=" + writes
                + " start=" + start + " end=" + end);
    }

    private void work(String worker, int transactions) {
        SplittableRandom random = new SplittableRandom(worker.hashCode());
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false);
            for (int i = 0; i < transactions; i++) {
                boolean readOnly = random.nextInt(100) < readOnlyPercent;
                int account = readOnly ? -1 : random.nextInt(ACCOUNTS);
                boolean again = true;
                while (again) {
                    again = false;
                    try {
                        if (readOnly) {
                            showAccounts(connection, random);
                            reads.incrementAndGet();
                        } else {
                            deposit(connection, account, worker + "-" + i);
                            writes.incrementAndGet();
                        }
                    } catch (SQLException e) {
                        rollbackQuietly(connection);
                        again = retryBusy && isBusy(e);
                        if (again) {
                            busy.incrementAndGet();
                        } else {
                            failed(e);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            failed(e);
        }
    }

    /** A read-only transaction: 2 to 5 point lookups. */
    private static void showAccounts(Connection connection, SplittableRandom random) throws SQLException {
        int lookups = 2 + random.nextInt(4);
        try (PreparedStatement select = connection.prepareStatement("SELECT balance FROM accounts WHERE id = ?")) {
            for (int n = 0; n < lookups; n++) {
                select.setInt(1, random.nextInt(ACCOUNTS));
                try (ResultSet result = select.executeQuery()) {
                    result.next();
                    result.getLong(1);
                }
            }
        }
        connection.commit();
    }

    /** A read-then-write transaction: read a balance, write it back plus one, log the change. */
    private static void deposit(Connection connection, int account, String changeId) throws SQLException {
        long balance;
        try (PreparedStatement select = connection.prepareStatement("SELECT balance FROM accounts WHERE id = ?")) {
            select.setInt(1, account);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                balance = result.getLong(1);
            }
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE accounts SET balance = ? WHERE id = ?")) {
            update.setLong(1, balance + 1);
            update.setInt(2, account);
            update.executeUpdate();
        }
        try (PreparedStatement log = connection.prepareStatement("INSERT INTO changes VALUES (?, ?)")) {
            log.setString(1, changeId);
            log.setInt(2, account);
            log.executeUpdate();
        }
        connection.commit();
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // The failure that led here is what counts.
        }
    }

    private static boolean isBusy(SQLException e) {
        return (e.getErrorCode() & 0xFF) == 5 || String.valueOf(e.getMessage()).contains("SQLITE_BUSY");
    }

    private void failed(SQLException e) {
        failures.incrementAndGet();
        if (isBusy(e)) {
            busy.incrementAndGet();
        }
        if (firstFailure == null) {
            firstFailure = e.toString();
        }
    }
}
