package dev.baton.sqlite;

import java.time.Duration;

import dev.baton.bridge.Baton;
import dev.baton.jfr.SqliteBusyEvent;
import dev.baton.retry.Attempt;
import dev.baton.retry.Retrier;
import dev.baton.retry.RetryPolicy;
import dev.baton.retry.RetryStats;

/**
 * Retries an operation SQLite refused with SQLITE_BUSY, within the operation's {@link Budget} (the application's busy
 * timeout, capped by baton.sqlite.retry.deadline), and records one {@code baton.SqliteBusy} event per operation that
 * met BUSY. Callers only use it where a repeat is safe (see {@link SqliteFeature}).
 *
 * <p>A connection whose busy timeout is 0 (it asked not to wait, or waits in its own busy handler) gets exactly one
 * attempt, untouched: Baton never retries around an application's busy handler, whose count would restart.
 *
 * <p>Two ways to wait, both ending at the budget:
 * <ul>
 * <li>{@link #sliced}: for the write statements Baton orders (its BEGIN IMMEDIATE, COMMIT, autocommit writes), each
 * attempt lets SQLite's busy handler wait at most {@link #SLICE_MILLIS}, and Baton's short backoff sits between
 * attempts: SQLite's own handler sleeps up to 100 ms between polls, so a lock freed by a writer outside Baton's queue
 * would otherwise sit idle;</li>
 * <li>{@link #afterBusy}: for reads and prepares, the first attempt runs as the application set it up; only a BUSY
 * that came back before the budget ran out (one that skipped the busy handler) is retried.</li>
 * </ul>
 * For a later attempt SQLite's timeout is lowered to what is left of the budget and restored afterwards, so the
 * operation as a whole never waits longer than the application asked. When the budget runs out the application gets
 * the driver's own exception, unchanged, and one log line says how long it waited and who holds the queue.
 */
final class BusyRetry {
    static final int SLICE_MILLIS = 10;
    private static final Duration INITIAL_BACKOFF = Duration.ofMillis(1);
    private static final Duration MAX_BACKOFF = Duration.ofMillis(10);

    private final long capNanos;
    private final WriterQueues queues;
    private final GiveUpLog giveUpLog = new GiveUpLog();

    /** @param queues where a give-up line looks up who holds the queue of a database whose reader gave up */
    BusyRetry(Duration deadline, WriterQueues queues) {
        this.capNanos = deadline.toNanos();
        this.queues = queues;
    }

    /** The budget of an operation on {@code db} (whose Baton state is {@code state}) starting now. */
    Budget budget(Object db, TransactionState state) {
        return Budget.startingNow(db, state, capNanos);
    }

    /** The budget of opening a connection whose busy timeout its properties say. */
    Budget budget(int busyTimeoutMillis) {
        return Budget.known(busyTimeoutMillis, capNanos);
    }

    /**
     * A write statement Baton orders: sliced waits in SQLite, Baton's backoff between, until the budget ends.
     * {@code place}: the writer's place in {@code queue}, null when it has none (for the give-up line).
     */
    <T> T sliced(Object db, String sql, Budget budget, WriterQueue queue, WriterQueue.Permit place, Attempt<T> attempt)
            throws Throwable {
        if (!budget.allowsWaiting()) {
            return attempt.run();
        }
        return retry(db, sql, budget, queue, place, 0,
                () -> withSqliteTimeout(db, budget, budget.sliceMillis(SLICE_MILLIS), attempt));
    }

    /**
     * A statement that waits in SQLite as the application set it up; a BUSY that left budget over is retried.
     * {@code database}: whose writer queue a give-up line names, null for none. Looked up only when the statement met
     * BUSY: a read that never does has no business opening (or creating) the queue file beside the database.
     */
    <T> T afterBusy(Object db, String sql, Budget budget, String database, Attempt<T> attempt) throws Throwable {
        try {
            return attempt.run();
        } catch (Throwable first) {
            if (!BusyErrors.isBusy(first)) {
                throw first;
            }
            WriterQueue queue = database == null ? null : queues.of(database);
            if (budget.remainingNanos() <= 0) {
                gaveUp(db, sql, budget, queue, null, 1);
                throw first;
            }
            // Only now is the budget read: the common case, a statement that met no BUSY, costs nothing.
            return retry(db, sql, budget, queue, null, 1,
                    () -> withSqliteTimeout(db, budget, budget.sliceMillis(Integer.MAX_VALUE), attempt));
        }
    }

    /** Opening a connection: nothing to adjust in SQLite yet, so each attempt runs as it is. */
    <T> T connect(String url, Budget budget, Attempt<T> attempt) throws Throwable {
        if (!budget.allowsWaiting()) {
            return attempt.run();
        }
        return retry(url, "connect", budget, null, null, 0, attempt);
    }

    /**
     * Attempts until success, a failure other than BUSY, or the budget's end (the backoff never sleeps past it).
     * {@code failedBefore}: attempts the caller already made and saw fail with BUSY.
     */
    private <T> T retry(Object db, String sql, Budget budget, WriterQueue queue, WriterQueue.Permit place,
            int failedBefore, Attempt<T> attempt) throws Throwable {
        RetryStats stats = new RetryStats();
        RetryPolicy policy = RetryPolicy.untilDeadline(INITIAL_BACKOFF, MAX_BACKOFF,
                Duration.ofNanos(budget.remainingNanos()));
        try {
            T result = Retrier.run(policy, "sqlite", StatementText.forEvent(sql), BusyErrors::isBusy, attempt, stats);
            if (failedBefore > 0 || stats.sawFailure()) {
                record(db, sql, failedBefore + stats.attempts(), budget.elapsedNanos(), "ok");
            }
            return result;
        } catch (Throwable t) {
            if (BusyErrors.isBusy(t)) {
                gaveUp(db, sql, budget, queue, place, failedBefore + stats.attempts());
            } else if (failedBefore > 0 || stats.sawFailure()) {
                record(db, sql, failedBefore + stats.attempts(), budget.elapsedNanos(), "failed");
            }
            throw t;
        }
    }

    private void gaveUp(Object db, String sql, Budget budget, WriterQueue queue, WriterQueue.Permit place,
            int attempts) {
        record(db, sql, attempts, budget.elapsedNanos(), "gave up");
        if (budget.allowsWaiting()) {
            giveUpLog.gaveUp(db, budget, queue, place);
        }
    }

    /**
     * Runs one attempt with SQLite's busy timeout set to {@code millis} and restored to the application's value
     * afterwards. Only for connections with a plain busy timeout: a custom busy handler is never replaced (its
     * connections are never retried, see {@link Budget}).
     */
    private static <T> T withSqliteTimeout(Object db, Budget budget, int millis, Attempt<T> attempt)
            throws Throwable {
        int application = budget.busyTimeoutMillis();
        if (application <= 0 || millis >= application) {
            return attempt.run();
        }
        try {
            DriverAccess.setBusyTimeout(db, millis);
        } catch (Throwable t) {
            Baton.fallback("sqlite busy_timeout", t);
            return attempt.run();
        }
        try {
            return attempt.run();
        } finally {
            try {
                DriverAccess.setBusyTimeout(db, application);
            } catch (Throwable t) {
                budget.forget();
                Baton.fallback("sqlite busy_timeout restore", t);
            }
        }
    }

    private static void record(Object db, String sql, int attempts, long waitedNanos, String outcome) {
        SqliteBusyEvent event = new SqliteBusyEvent();
        if (event.isEnabled()) {
            event.database = db == null ? "" : DriverAccess.databaseName(db);
            event.statement = StatementText.forEvent(sql);
            event.attempts = attempts;
            event.waited = waitedNanos;
            event.outcome = outcome;
            event.commit();
        }
    }
}
