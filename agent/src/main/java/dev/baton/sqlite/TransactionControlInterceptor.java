package dev.baton.sqlite;

import dev.baton.instrument.Call;
import dev.baton.instrument.Interceptor;
import dev.baton.instrument.Refusal;
import dev.baton.retry.Attempt;

/**
 * Hooks {@code org.sqlite.core.DB.exec(String, boolean)}, through which sqlite-jdbc runs its own transaction control:
 * {@code setAutoCommit(false)} runs "begin;" at once, {@code commit()} runs "commit;" and then "begin;" again,
 * {@code rollback()} runs "rollback;" and "begin;", {@code setAutoCommit(true)} runs "commit;".
 *
 * <p>The driver's deferred "begin;" is swallowed and remembered: {@link ImmediateBegin} issues BEGIN IMMEDIATE at
 * the transaction's first statement instead. An idle connection with autocommit off therefore holds no lock at all,
 * and a COMMIT or ROLLBACK of a transaction that never ran a statement is a no-op, which is what it would have been.
 * A COMMIT that SQLite refused with BUSY leaves the transaction intact, so it is retried, within the connection's busy
 * timeout. The end of a transaction hands its place in the {@link WriterQueue} to the next writer. Other begins (the
 * application chose transaction_mode IMMEDIATE or EXCLUSIVE) run unchanged and are only tracked.
 *
 * <p>{@code setSavepoint()} on an autocommit connection opens a transaction with "SAVEPOINT x" alone: it is held back
 * like "begin;" and runs right after Baton's begin; releasing that savepoint commits the transaction, as in SQLite.
 */
final class TransactionControlInterceptor implements Interceptor {
    private static final String DRIVER_COMMIT = "commit;";
    private static final String DRIVER_ROLLBACK = "rollback;";

    private final TransactionStates states;
    private final ImmediateBegin begin;
    private final BusyRetry retry;
    private final WriterQueues queues;

    TransactionControlInterceptor(TransactionStates states, ImmediateBegin begin, BusyRetry retry,
            WriterQueues queues) {
        this.states = states;
        this.begin = begin;
        this.retry = retry;
        this.queues = queues;
    }

    @Override
    public Object intercept(Call call) throws Throwable {
        Object db = call.self();
        String sql = (String) call.arguments()[0];
        TransactionState state = states.of(db);
        if (ImmediateBegin.DRIVER_BEGIN.equals(sql) && !state.manualTransaction && !state.open) {
            state.beginPending = true;
            return null;
        }
        if (DRIVER_COMMIT.equals(sql)) {
            return commit(call, db, state);
        }
        if (DRIVER_ROLLBACK.equals(sql)) {
            return rollback(call, state);
        }
        String keyword = StatementText.keyword(sql);
        if (keyword.equals("BEGIN")) {
            Object result = call.proceed();
            state.open = true;
            return result;
        }
        if (keyword.equals("SAVEPOINT") && !state.open && !state.manualTransaction && state.savepointDue == null) {
            holdBackSavepoint(sql, state);
            return null;
        }
        String savepoint = StatementText.savepointName(sql);
        boolean heldBack = state.beginPending && savepoint != null
                && savepoint.equals(StatementText.savepointName(state.savepointDue));
        if (heldBack) {
            // Nothing ran since the held-back savepoint: rolling back to it changes nothing, releasing it drops it.
            if (keyword.equals("RELEASE")) {
                releaseHeldBack(state);
            }
            return null;
        }
        if (state.beginPending && savepoint != null && (keyword.equals("RELEASE") || keyword.equals("ROLLBACK"))) {
            // A savepoint other than the held-back one: none can exist in a transaction not begun yet, so SQLite
            // refuses it as it would without Baton; beginning for it left an IMMEDIATE transaction open behind a
            // failed call (every other writer then failed BUSY).
            return call.proceed();
        }
        if (state.settingWhileBeginPending(sql)) {
            // setTransactionIsolation's PRAGMA read_uncommitted (HikariCP runs it on idle pooled connections after
            // setAutoCommit(false)).
            Object result = call.proceed();
            state.settingRan(sql);
            return result;
        }
        // Savepoints and anything else the driver runs inside a transaction need the transaction to exist.
        begin.ifPending(db, state, null);
        Object result = call.proceed();
        if (keyword.equals("RELEASE") && savepoint != null && savepoint.equals(state.openingSavepoint)) {
            // In SQLite, releasing the savepoint that opened a transaction commits it; under Baton's begin it is an
            // inner savepoint, so the commit is Baton's to run, ending the transaction as the driver's "commit;" does
            // (Baton's own calls to the driver do not pass through this hook).
            try {
                commitOpen(db, state, () -> {
                    DriverAccess.exec(db, DRIVER_COMMIT, false);
                    return null;
                });
            } catch (Refusal refusal) {
                throw refusal;
            } catch (Throwable commitFailed) {
                // The release's own outcome (without Baton the RELEASE itself fails, e.g. on a deferred foreign key):
                // a Refusal, or the dispatcher would return the RELEASE's success. The transaction stays open, as
                // in SQLite, until the application rolls it back.
                throw Refusal.of(commitFailed);
            }
        }
        return result;
    }

    /**
     * {@code Connection.setSavepoint()} runs "SAVEPOINT x" with no BEGIN on a connection in autocommit mode: in SQLite
     * that begins a deferred transaction, which must not escape the writer queue (its read-then-write would meet BUSY).
     * Like the driver's "begin;", it is held back and runs right after Baton's begin, at the first statement.
     */
    private static void holdBackSavepoint(String sql, TransactionState state) {
        if (!state.beginPending) {
            state.beginPending = true;
            state.openingSavepoint = StatementText.savepointName(sql);
        }
        state.savepointDue = sql;
    }

    private static void releaseHeldBack(TransactionState state) {
        if (state.openingSavepoint != null) {
            state.beginCancelled(); // It opened the transaction: releasing it ends the (empty) transaction.
        } else {
            state.savepointDue = null;
        }
    }

    private Object commit(Call call, Object db, TransactionState state) throws Throwable {
        if (state.beginPending) {
            state.beginCancelled();
            return null;
        }
        if (!state.open) {
            return call.proceed();
        }
        return commitOpen(db, state, call::proceed);
    }

    /** Commits the open transaction Baton began; a COMMIT refused with BUSY left it intact and is retried. */
    private Object commitOpen(Object db, TransactionState state, Attempt<Object> commit) throws Throwable {
        Object result;
        if (state.deferred && !state.wrote) {
            // A transaction that only read holds no write lock: its COMMIT only lets go of its snapshot.
            result = retry.afterBusy(db, DRIVER_COMMIT, retry.budget(db, state), null, commit);
        } else {
            result = retry.sliced(db, DRIVER_COMMIT, retry.budget(db, state), queues.of(state.database), state.permit,
                    commit);
        }
        state.ended();
        return result;
    }

    private Object rollback(Call call, TransactionState state) throws Throwable {
        if (state.beginPending) {
            state.beginCancelled();
            return null;
        }
        try {
            return call.proceed();
        } finally {
            state.ended();
        }
    }
}
