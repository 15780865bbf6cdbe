package dev.baton.sqlite;

import java.util.concurrent.Semaphore;

import dev.baton.instrument.Call;
import dev.baton.instrument.Interceptor;

/**
 * Hooks the driver's statement execution ({@code DB.execute}, {@code DB.executeUpdate}, {@code DB.executeBatch},
 * {@code NativeDB._exec}). Every one of them first opens a pending transaction with BEGIN IMMEDIATE. Then:
 * <ul>
 * <li>inside a transaction (JDBC's or one the application began with SQL text) the statement runs once: a retry
 * there could repeat work or wait on a lock this connection itself blocks;</li>
 * <li>outside, a single statement that SQLite refused with BUSY had no effect (statements are atomic) and is
 * retried with backoff. Batches and multi-statement texts are never retried: their first parts may have
 * committed already.</li>
 * </ul>
 * Application-issued BEGIN/SAVEPOINT/COMMIT/END/ROLLBACK text is tracked so its transactions are recognised.
 */
final class StatementInterceptor implements Interceptor {
    /** How the hooked method receives its SQL, and whether a single statement may be repeated. */
    enum Kind {
        /** {@code DB.execute(CoreStatement, Object[])}: one prepared statement, retried after a reset. */
        PREPARED_RETRIED,
        /** {@code NativeDB._exec(String)}: retried only when the text is one statement. */
        TEXT_RETRIED_IF_SINGLE,
        /** Batches and wrappers around other hooked methods: begin only, never repeated here. */
        NEVER_RETRIED
    }

    private final TransactionStates states;
    private final ImmediateBegin begin;
    private final BusyRetry retry;
    private final Kind kind;
    private final WriteGate gate;

    StatementInterceptor(TransactionStates states, ImmediateBegin begin, BusyRetry retry, Kind kind, WriteGate gate) {
        this.states = states;
        this.begin = begin;
        this.retry = retry;
        this.kind = kind;
        this.gate = gate;
    }

    @Override
    public Object intercept(Call call) throws Throwable {
        Object db = call.self();
        TransactionState state = states.of(db);
        begin.ifPending(db, state);
        if (kind == Kind.NEVER_RETRIED) {
            return call.proceed();
        }
        Object statement = call.arguments()[0];
        String sql = kind == Kind.PREPARED_RETRIED ? DriverAccess.sqlOf(statement) : (String) statement;
        Object result;
        if (state.open || !mayRepeat(state, sql)) {
            result = call.proceed();
        } else {
            result = autocommit(call, db, state, statement, sql);
        }
        trackTextTransactions(state, sql);
        return result;
    }

    /** A single autocommit statement: gated when it writes, retried when SQLite refused it with BUSY. */
    private Object autocommit(Call call, Object db, TransactionState state, Object statement, String sql)
            throws Throwable {
        Semaphore permit = !state.manualTransaction && writes(sql) ? gate.enter(state.database) : null;
        try {
            boolean[] first = {true};
            return retry.run(db, sql, () -> {
                if (!first[0] && kind == Kind.PREPARED_RETRIED) {
                    DriverAccess.reset(db, statement);
                }
                first[0] = false;
                return call.proceed();
            });
        } finally {
            WriteGate.leave(permit);
        }
    }

    private static boolean writes(String sql) {
        switch (StatementText.keyword(sql)) {
            case "INSERT", "UPDATE", "DELETE", "REPLACE":
                return true;
            default:
                return false;
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

    /** One statement, optionally ending in ';'. A ';' inside a literal makes Baton cautious, never wrong. */
    static boolean isSingleStatement(String sql) {
        if (sql == null) {
            return false;
        }
        String trimmed = sql.strip();
        int semicolon = trimmed.indexOf(';');
        return semicolon < 0 || semicolon == trimmed.length() - 1;
    }

    private static void trackTextTransactions(TransactionState state, String sql) {
        if (state.open || state.beginPending) {
            return;
        }
        switch (StatementText.keyword(sql)) {
            case "BEGIN", "SAVEPOINT" -> state.manualTransaction = true;
            case "COMMIT", "END" -> state.manualTransaction = false;
            case "ROLLBACK" -> state.manualTransaction = StatementText.isRollbackTo(sql) && state.manualTransaction;
            default -> {
            }
        }
    }
}
