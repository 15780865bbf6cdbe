package dev.baton.sqlite;

import dev.baton.bridge.Baton;
import dev.baton.instrument.Refusal;
import dev.baton.jfr.SqliteWaitEvent;

/**
 * Opens the transaction the driver asked for, right before the transaction's first statement, in one of two ways.
 *
 * <p><b>Writers: {@code BEGIN IMMEDIATE}, after queueing.</b> IMMEDIATE takes the write lock up front, so a
 * read-then-write transaction can never be refused halfway (SQLite skips its busy handler when a reader upgrading to
 * writer could deadlock, which is where deferred transactions fail with BUSY). Before asking SQLite, the transaction
 * takes its place in the database's {@link WriterQueue}; while it waits nothing has run yet, so waiting and retrying
 * the BEGIN are always safe. All of it within the connection's busy timeout ({@link Budget}).
 *
 * <p><b>Readers: the driver's deferred {@code begin;}</b>, which takes no write lock, when the transaction can only
 * read: the connection is read-only, or its first statement reads and {@link TransactionSites} knows that the
 * transactions starting there only read. If such a transaction writes after all, it takes a place in the queue only
 * if one is free at that moment: waiting would be pointless (SQLite refuses the upgrade as soon as another writer
 * committed since the transaction's first read) and, in rollback-journal mode, a deadlock (the writer it waits for
 * needs this reader's lock to go away before it can commit).
 *
 * <p>If SQLite rejects BEGIN IMMEDIATE for another reason than BUSY (a read-only file cannot take the write lock),
 * Baton issues the driver's own deferred {@code begin;} instead: the application then behaves exactly as without
 * Baton. The same happens if Baton itself fails here (reported as baton.Fallback): the statement must never run
 * outside the transaction the application asked for.
 */
final class ImmediateBegin {
    static final String DRIVER_BEGIN = "begin;";
    private static final String BEGIN_IMMEDIATE = "begin immediate;";

    private final BusyRetry retry;
    private final WriterQueues queues;
    private final TransactionSites sites;

    ImmediateBegin(BusyRetry retry, WriterQueues queues, TransactionSites sites) {
        this.retry = retry;
        this.queues = queues;
        this.sites = sites;
    }

    /**
     * Begins now if a begin is pending; a failure reaches the application as the SQLException it is.
     *
     * @param firstSql the statement about to run, null when unknown (a batch): then the transaction is a writer
     */
    void ifPending(Object db, TransactionState state, String firstSql) {
        if (!state.beginPending) {
            return;
        }
        String savepoint = state.savepointDue;
        String openingSavepoint = state.openingSavepoint;
        try {
            if (beginsAsReader(db, state, firstSql)) {
                beginDeferredUnlessOpen(db);
                state.deferred = true;
            } else {
                beginImmediate(db, state);
            }
        } finally {
            // A refused begin ends the attempt (state.ended()) but stays pending, savepoint and all.
            state.openingSavepoint = openingSavepoint;
        }
        state.beginPending = false;
        state.savepointDue = null;
        state.open = true;
        if (savepoint != null) {
            runDriverText(db, savepoint);
        }
    }

    private boolean beginsAsReader(Object db, TransactionState state, String firstSql) {
        if (state.readOnly(db)) {
            return true;
        }
        if (firstSql == null || !StatementText.reads(firstSql)) {
            return false;
        }
        state.site = sites.siteOf(firstSql);
        state.firstSql = firstSql;
        return sites.readsOnly(state.site);
    }

    private void beginImmediate(Object db, TransactionState state) {
        SqliteWaitEvent wait = new SqliteWaitEvent();
        wait.begin();
        Budget budget = retry.budget(db, state);
        WriterQueue queue = queues.of(state.database);
        long askedAt = System.nanoTime();
        long queued = 0;
        String outcome = "began";
        try {
            state.permit = queue == null ? null : queue.enter(budget);
            queued = System.nanoTime() - askedAt;
            retry.sliced(db, BEGIN_IMMEDIATE, budget, queue, state.permit, () -> {
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
            if (alreadyInTransaction(failure)) {
                // SQLite has a transaction Baton did not see begin (a BEGIN inside a multi-statement text, say): the
                // statement runs in it, and the application's commit() commits it, as the driver's would.
                record(wait, state.database, queued, "in-transaction");
                return;
            }
            outcome = "deferred";
            beginDeferred(db);
        }
        record(wait, state.database, queued, outcome);
    }

    /** The driver's deferred begin, or nothing when SQLite already has a transaction open (see beginImmediate). */
    private static void beginDeferredUnlessOpen(Object db) {
        try {
            beginDeferred(db);
        } catch (Refusal refusal) {
            if (!alreadyInTransaction(refusal.getCause())) {
                throw refusal;
            }
        }
    }

    /**
     * SQLite's answer to a BEGIN while a transaction is open. Without Baton the driver's own begin fails the same way
     * in setAutoCommit(false); Baton's begin comes later, at the first statement, so refusing that statement (and then
     * treating the transaction as never begun) made commit() commit nothing.
     */
    private static boolean alreadyInTransaction(Throwable failure) {
        return failure instanceof java.sql.SQLException && failure.getMessage() != null
                && failure.getMessage().contains("cannot start a transaction within a transaction");
    }

    /**
     * Called before each statement of an open transaction Baton began: notes writes, and gives a transaction that
     * began as a reader a place in the queue when it starts writing, if one is free.
     */
    void beforeStatement(TransactionState state, String sql) {
        if (!state.open || state.wrote || (sql != null && StatementText.reads(sql))) {
            return;
        }
        state.wrote = true;
        if (state.deferred) {
            // From now on this site's transactions begin as writers.
            state.site = sites.readerWrote(state.site, state.firstSql);
            WriterQueue queue = queues.of(state.database);
            if (queue != null && state.permit == null) {
                state.permit = queue.enterIfFree();
            }
        }
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
        runDriverText(db, DRIVER_BEGIN);
    }

    /** Runs transaction control text the driver asked for; its failure reaches the application as is. */
    private static void runDriverText(Object db, String sql) {
        try {
            DriverAccess.exec(db, sql, false);
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
