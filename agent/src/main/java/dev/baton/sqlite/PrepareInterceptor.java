package dev.baton.sqlite;

import dev.baton.instrument.Call;
import dev.baton.instrument.Interceptor;

/**
 * Hooks {@code DB.prepare(CoreStatement)}: compiling a statement reads the schema and can meet BUSY while another
 * process changes it or recovers a journal. Preparing changes nothing, so a BUSY that came back before the
 * connection's busy timeout ran out is retried, except inside a transaction, where the rule "never retry inside a
 * transaction" holds without exception.
 */
final class PrepareInterceptor implements Interceptor {
    private final TransactionStates states;
    private final BusyRetry retry;

    PrepareInterceptor(TransactionStates states, BusyRetry retry) {
        this.states = states;
        this.retry = retry;
    }

    @Override
    public Object intercept(Call call) throws Throwable {
        Object db = call.self();
        TransactionState state = states.of(db);
        if (state.open || state.manualTransaction) {
            return call.proceed();
        }
        return retry.afterBusy(db, DriverAccess.sqlOf(call.arguments()[0]), retry.budget(db, state),
                state.database, call::proceed);
    }
}
