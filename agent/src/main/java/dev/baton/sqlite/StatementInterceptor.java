package dev.baton.sqlite;

import dev.baton.instrument.Call;
import dev.baton.instrument.Interceptor;

/**
 * Hooks the driver's statement execution ({@code DB.execute(CoreStatement, Object[])}, {@code DB.executeBatch},
 * {@code NativeDB._exec}), which every statement reaches exactly once. Every one of them first opens a pending
 * transaction ({@link ImmediateBegin}). Then:
 * <ul>
 * <li>inside a transaction (JDBC's or one the application began with SQL text) the statement runs once: a retry
 * there could repeat work or wait on a lock this connection itself blocks;</li>
 * <li>outside, a single statement that SQLite refused with BUSY had no effect (statements are atomic) and is
 * retried within the connection's busy timeout; one that writes first takes its place in the database's
 * {@link WriterQueue}. Batches and multi-statement texts are never retried: their first parts may have committed
 * already.</li>
 * </ul>
 * Application-issued BEGIN/SAVEPOINT/COMMIT/END/ROLLBACK text is tracked so its transactions are recognised, and
 * {@code PRAGMA query_only} so read-only connections are, and {@code PRAGMA busy_timeout} so the application's new
 * timeout is read again ({@link Budget}).
 */
final class StatementInterceptor implements Interceptor {
    /** How the hooked method receives its SQL, and whether a single statement may be repeated. */
    enum Kind {
        /** {@code DB.execute(CoreStatement, Object[])}: one prepared statement, retried after a reset. */
        PREPARED_RETRIED,
        /** {@code NativeDB._exec(String)}: retried only when the text is one statement. */
        TEXT_RETRIED_IF_SINGLE,
        /** {@code DB.executeBatch}: never repeated; a batch writes. */
        BATCH
    }

    private final TransactionStates states;
    private final ImmediateBegin begin;
    private final BusyRetry retry;
    private final WriterQueues queues;
    private final Kind kind;

    StatementInterceptor(TransactionStates states, ImmediateBegin begin, BusyRetry retry, WriterQueues queues,
            Kind kind) {
        this.states = states;
        this.begin = begin;
        this.retry = retry;
        this.queues = queues;
        this.kind = kind;
    }

    @Override
    public Object intercept(Call call) throws Throwable {
        Object db = call.self();
        TransactionState state = states.of(db);
        Object statement = call.arguments()[0];
        String sql = sqlOf(statement);
        if (state.settingWhileBeginPending(sql)) {
            // The driver's PRAGMA query_only for setReadOnly (jdbc.explicit_readonly), or the application's busy
            // timeout.
            Object result = call.proceed();
            state.settingRan(sql);
            return result;
        }
        begin.ifPending(db, state, sql);
        begin.beforeStatement(state, sql);
        if (kind == Kind.BATCH) {
            // Its text is not at hand here, and it may have set a busy timeout: read it again next time.
            state.forgetBusyTimeout();
            return call.proceed();
        }
        Object result;
        if (state.open || !mayRepeat(state, sql)) {
            result = call.proceed();
        } else {
            result = autocommit(call, db, state, statement, sql);
        }
        trackConnectionText(state, sql);
        return result;
    }

    private String sqlOf(Object statement) throws IllegalAccessException {
        switch (kind) {
            case PREPARED_RETRIED:
                return DriverAccess.sqlOf(statement);
            case TEXT_RETRIED_IF_SINGLE:
                return (String) statement;
            default:
                return null;
        }
    }

    /** A single autocommit statement: queued when it writes, retried when SQLite refused it with BUSY. */
    private Object autocommit(Call call, Object db, TransactionState state, Object statement, String sql)
            throws Throwable {
        Budget budget = retry.budget(db, state);
        boolean writes = !state.manualTransaction && StatementText.writes(sql);
        WriterQueue queue = writes ? queues.of(state.database) : null;
        WriterQueue.Permit permit = queue == null ? null : queue.enter(budget);
        try {
            boolean[] first = {true};
            dev.baton.retry.Attempt<Object> attempt = () -> {
                if (!first[0] && kind == Kind.PREPARED_RETRIED) {
                    DriverAccess.reset(db, statement);
                }
                first[0] = false;
                return call.proceed();
            };
            return writes ? retry.sliced(db, sql, budget, queue, permit, attempt)
                    : retry.afterBusy(db, sql, budget, state.database, attempt);
        } finally {
            if (permit != null) {
                permit.leave();
            }
        }
    }

    private boolean mayRepeat(TransactionState state, String sql) {
        if (kind == Kind.TEXT_RETRIED_IF_SINGLE && !isSingleStatement(sql)) {
            return false;
        }
        if (!state.manualTransaction) {
            return true;
        }
        // A COMMIT refused with BUSY leaves the transaction as it was: repeating it is what SQLite advises.
        String keyword = StatementText.keyword(sql);
        return keyword.equals("COMMIT") || keyword.equals("END");
    }

    /** COMMIT, END or ROLLBACK (not ROLLBACK TO, which leaves the transaction open). */
    private static boolean endsTransaction(String keyword, String sql) {
        return keyword.equals("COMMIT") || keyword.equals("END")
                || keyword.equals("ROLLBACK") && !StatementText.isRollbackTo(sql);
    }

    /** One statement, optionally ending in ';'. A ';' inside a literal makes Baton cautious, never wrong. */
    static boolean isSingleStatement(String sql) {
        if (sql == null) {
            return false;
        }
        String trimmed = sql.strip();
        int semicolon = trimmed.indexOf(';');
        return semicolon < 0 || semicolon == trimmed.length() - 1;
    }

    private static void trackConnectionText(TransactionState state, String sql) {
        String keyword = StatementText.keyword(sql);
        if (keyword.equals("PRAGMA")) {
            state.settingRan(sql);
            return;
        }
        if (StatementText.mentionsBusyTimeout(sql)) {
            state.forgetBusyTimeout(); // A multi-statement text may set it after another statement.
        }
        if (state.open && endsTransaction(keyword, sql)) {
            // The application ended its transaction with SQL text (COMMIT, END, ROLLBACK): SQLite is back in autocommit
            // mode, so the transaction's place in the writer queue goes to the next writer now, not at the next
            // commit() or close (an idle connection kept it, and every other writer waited out its busy timeout).
            state.ended();
            return;
        }
        if (state.open || state.beginPending) {
            return;
        }
        switch (keyword) {
            case "BEGIN", "SAVEPOINT" -> state.manualTransaction = true;
            case "COMMIT", "END" -> state.manualTransaction = false;
            case "ROLLBACK" -> state.manualTransaction = StatementText.isRollbackTo(sql) && state.manualTransaction;
            default -> {
            }
        }
    }
}
