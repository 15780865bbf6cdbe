package dev.baton.sqlite;

import dev.baton.instrument.Call;
import dev.baton.instrument.Interceptor;

/**
 * Hooks {@code DB.close()}: closing a connection ends its transaction (SQLite rolls it back), so Baton forgets the
 * pending begin and hands the transaction's place in the {@link WriterQueue} to the next writer.
 */
final class CloseInterceptor implements Interceptor {
    private final TransactionStates states;

    CloseInterceptor(TransactionStates states) {
        this.states = states;
    }

    @Override
    public Object intercept(Call call) throws Throwable {
        TransactionState state = states.of(call.self());
        try {
            return call.proceed();
        } finally {
            state.beginCancelled();
            state.manualTransaction = false;
            state.ended();
        }
    }
}
