package dev.baton.sqlite;

import java.time.Duration;

import dev.baton.jfr.SqliteBusyEvent;
import dev.baton.retry.Attempt;
import dev.baton.retry.Retrier;
import dev.baton.retry.RetryPolicy;
import dev.baton.retry.RetryStats;

/**
 * Retries an operation SQLite refused with SQLITE_BUSY, up to baton.sqlite.retry.deadline, and records one
 * {@code baton.SqliteBusy} event per operation that met BUSY at least once. Callers only use it where a repeat is
 * safe (see {@link SqliteFeature}).
 */
final class BusyRetry {
    /**
     * SQLite's own busy handler (busy_timeout) already waited before BUSY reached Baton, so Baton's pauses start
     * small and stay short: they only need to break lockstep between processes.
     */
    private static final Duration INITIAL_BACKOFF = Duration.ofMillis(2);
    private static final Duration MAX_BACKOFF = Duration.ofMillis(250);

    private final RetryPolicy policy;

    BusyRetry(Duration deadline) {
        this.policy = RetryPolicy.untilDeadline(INITIAL_BACKOFF, MAX_BACKOFF, deadline);
    }

    <T> T run(Object db, String sql, Attempt<T> attempt) throws Throwable {
        RetryStats stats = new RetryStats();
        String outcome = "failed";
        try {
            T result = Retrier.run(policy, "sqlite", StatementText.forEvent(sql), BusyErrors::isBusy, attempt, stats);
            outcome = "ok";
            return result;
        } catch (Throwable t) {
            outcome = BusyErrors.isBusy(t) ? "gave up" : "failed";
            throw t;
        } finally {
            if (stats.sawFailure()) {
                record(db, sql, stats, outcome);
            }
        }
    }

    private static void record(Object db, String sql, RetryStats stats, String outcome) {
        SqliteBusyEvent event = new SqliteBusyEvent();
        if (event.isEnabled()) {
            event.database = db == null ? "" : DriverAccess.databaseName(db);
            event.statement = StatementText.forEvent(sql);
            event.attempts = stats.attempts();
            event.waited = stats.waitedNanos();
            event.outcome = outcome;
            event.commit();
        }
    }
}
