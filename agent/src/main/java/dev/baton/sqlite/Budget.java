package dev.baton.sqlite;

import java.util.concurrent.TimeUnit;

import dev.baton.bridge.Baton;

/**
 * How long one operation may wait for SQLite's write lock, in Baton's queue and in SQLite together: the connection's
 * own busy timeout, counted from the moment the operation started, capped by baton.sqlite.retry.deadline.
 *
 * <p>The timeout is read from SQLite ({@code PRAGMA busy_timeout}) when it is first needed, so whatever the
 * application did last counts: the URL, {@code SQLiteConnection.setBusyTimeout}, a {@code PRAGMA busy_timeout}
 * statement, or a custom {@code org.sqlite.BusyHandler}, which SQLite reports as 0. A connection with 0 asked not
 * to wait, or to decide itself how long to wait: Baton then never waits and never retries for it. The value read is
 * kept in the connection's {@link TransactionState} until the application changes its policy again.
 */
final class Budget {
    private final Object db;
    /** Where the connection's busy timeout is kept between operations; null when not kept. */
    private final TransactionState state;
    private final long startNanos;
    private final long capNanos;
    private boolean known;
    private int busyTimeoutMillis;
    private long deadlineNanos;

    private Budget(Object db, TransactionState state, long startNanos, long capNanos) {
        this.db = db;
        this.state = state;
        this.startNanos = startNanos;
        this.capNanos = capNanos;
    }

    /**
     * The budget of an operation on {@code db} starting now; nothing is read until it is needed. Called with the
     * DB's monitor held (every hooked driver method is synchronized on it), which guards {@code state}'s timeout.
     */
    static Budget startingNow(Object db, TransactionState state, long capNanos) {
        return new Budget(db, state, System.nanoTime(), capNanos);
    }

    /** A budget whose timeout is already known (a connection being opened: its properties say it). */
    static Budget known(int busyTimeoutMillis, long capNanos) {
        Budget budget = new Budget(null, null, System.nanoTime(), capNanos);
        budget.fix(busyTimeoutMillis);
        return budget;
    }

    /** The application's busy timeout as SQLite has it now; 0 for "do not wait" or a custom busy handler. */
    int busyTimeoutMillis() {
        if (!known) {
            int millis = state == null ? TransactionState.BUSY_TIMEOUT_UNKNOWN : state.busyTimeoutMillis;
            if (millis == TransactionState.BUSY_TIMEOUT_UNKNOWN) {
                millis = readBusyTimeout();
            }
            fix(millis);
        }
        return busyTimeoutMillis;
    }

    private int readBusyTimeout() {
        try {
            int millis = Math.max(0, DriverAccess.busyTimeoutMillis(db));
            if (state != null) {
                state.busyTimeoutMillis = millis;
            }
            return millis;
        } catch (Throwable t) {
            // Baton cannot tell what the application asked for, so it asks for nothing: no waiting, no retries.
            Baton.fallback("sqlite read busy_timeout", t);
            return 0;
        }
    }

    /** SQLite's timeout may no longer be what was read (Baton could not restore it): read it again next time. */
    void forget() {
        if (state != null) {
            state.forgetBusyTimeout();
        }
    }

    private void fix(int millis) {
        known = true;
        busyTimeoutMillis = Math.max(0, millis);
        deadlineNanos = startNanos + Math.min(capNanos, TimeUnit.MILLISECONDS.toNanos(busyTimeoutMillis));
    }

    /** False when the application asked SQLite not to wait, or waits in its own busy handler. */
    boolean allowsWaiting() {
        return busyTimeoutMillis() > 0;
    }

    long deadlineNanos() {
        busyTimeoutMillis();
        return deadlineNanos;
    }

    /** Time left to wait, never negative; 0 when waiting is not allowed. */
    long remainingNanos() {
        return allowsWaiting() ? Math.max(0, deadlineNanos - System.nanoTime()) : 0;
    }

    long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    /** What SQLite may still wait in one attempt: the rest of the budget, at most {@code sliceMillis}. */
    int sliceMillis(int sliceMillis) {
        long remainingMillis = TimeUnit.NANOSECONDS.toMillis(remainingNanos());
        return (int) Math.min(sliceMillis, remainingMillis);
    }
}
