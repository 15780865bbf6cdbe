package dev.baton.sqlite;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Lets the writers of one JVM queue for a database file among themselves, in arrival order, before they ask SQLite
 * for its write lock. SQLite has one writer at a time anyway; without the gate every waiting connection polls the
 * lock in SQLite's busy handler, which sleeps up to 100 ms between polls, so the lock often sits free while
 * everybody sleeps. With the gate only one connection per process polls, and the next in-process writer starts the
 * moment the previous one commits.
 *
 * <p>The gate never changes what the application sees: a writer waits at most the busy timeout for it and then goes
 * ahead ungated (SQLite still serialises writers correctly). A permit belongs to a transaction, not to a thread,
 * because JDBC connections may move between threads; it is released when the transaction or the connection ends.
 */
final class WriteGate {
    private final ConcurrentMap<String, Semaphore> permits = new ConcurrentHashMap<>();
    private final long maxWaitNanos;

    WriteGate(Duration maxWait) {
        this.maxWaitNanos = maxWait.toNanos();
    }

    /** The permit now held for {@code database}, or null (in-memory database, wait too long, interrupted). */
    Semaphore enter(String database) {
        if (database == null || database.isEmpty() || database.contains(":memory:")
                || database.contains("mode=memory")) {
            return null;
        }
        Semaphore permit = permits.computeIfAbsent(database, d -> new Semaphore(1, true));
        try {
            return permit.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS) ? permit : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static void leave(Semaphore permit) {
        if (permit != null) {
            permit.release();
        }
    }
}
