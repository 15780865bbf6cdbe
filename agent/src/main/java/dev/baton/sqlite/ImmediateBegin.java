package dev.baton.sqlite;

import dev.baton.bridge.Baton;
import dev.baton.instrument.Refusal;
import dev.baton.jfr.SqliteWaitEvent;

/**
 * Opens the transaction the driver asked for, as {@code BEGIN IMMEDIATE}, right before the transaction's first
 * statement. IMMEDIATE takes the write lock up front, so a read-then-write transaction can never be refused halfway
 * (SQLite skips its busy handler when a reader upgrading to writer could deadlock, which is where deferred
 * transactions fail with BUSY); while waiting, nothing has run yet, so retrying the BEGIN is always safe.
 *
 * <p>If SQLite rejects BEGIN IMMEDIATE for another reason than BUSY (a read-only connection or file cannot take the
 * write lock), Baton issues the driver's own deferred {@code begin;} instead: the application then behaves exactly
 * as without Baton. The same happens if Baton itself fails here (reported as baton.Fallback): the statement must
 * never run outside the transaction the application asked for.
 */
final class ImmediateBegin {
    static final String DRIVER_BEGIN = "begin;";
    private static final String BEGIN_IMMEDIATE = "begin immediate;";

    private final BusyRetry retry;
    private final WriteGate gate;

    ImmediateBegin(BusyRetry retry, WriteGate gate) {
        this.retry = retry;
        this.gate = gate;
    }

    /** Begins now if a begin is pending; a failure reaches the application as the SQLException it is. */
    void ifPending(Object db, TransactionState state) {
        if (!state.beginPending) {
            return;
        }
        SqliteWaitEvent wait = new SqliteWaitEvent();
        wait.begin();
        long askedAt = System.nanoTime();
        state.gatePermit = gate.enter(state.database);
        long queued = System.nanoTime() - askedAt;
        String outcome = "began";
        try {
            retry.run(db, BEGIN_IMMEDIATE, () -> {
                DriverAccess.exec(db, BEGIN_IMMEDIATE, false);
                return null;
            });
        } catch (Throwable failure) {
            state.ended();
            if (BusyErrors.isBusy(failure)) {
                record(wait, state.database, queued, "busy");
                throw Refusal.of(failure);
            }
            if (!(failure instanceof java.sql.SQLException)) {
                // Baton's own failure: the transaction must still exist, so begin it the driver's way.
                Baton.fallback("sqlite BEGIN IMMEDIATE", failure);
            }
            outcome = "deferred";
            beginDeferred(db);
        }
        record(wait, state.database, queued, outcome);
        state.beginPending = false;
        state.open = true;
    }

    /**
     * Every wait Baton arranged must show in the recording, also the ones SQLite's busy handler absorbed without
     * answering BUSY (with a busy timeout, that is nearly all of them).
     */
    private static void record(SqliteWaitEvent wait, String database, long queuedNanos, String outcome) {
        wait.end();
        if (wait.shouldCommit()) {
            wait.database = database;
            wait.queued = queuedNanos;
            wait.outcome = outcome;
            wait.commit();
        }
    }

    private static void beginDeferred(Object db) {
        try {
            DriverAccess.exec(db, DRIVER_BEGIN, false);
        } catch (java.sql.SQLException e) {
            throw Refusal.of(e);
        } catch (Throwable t) {
            throw asUnchecked(t);
        }
    }

    private static RuntimeException asUnchecked(Throwable t) {
        return t instanceof RuntimeException ? (RuntimeException) t : new IllegalStateException(t);
    }
}
