package dev.baton.sqlite;

import dev.baton.instrument.Call;
import dev.baton.instrument.Interceptor;

/**
 * Hooks the driver's ways to change a connection's busy policy after it is open:
 * {@code SQLiteConnection.setBusyTimeout(int)} (self: the connection) and the static
 * {@code BusyHandler.setHandler(Connection, BusyHandler)} and {@code BusyHandler.clearHandler(Connection)} (first
 * argument: the connection). Baton keeps the busy timeout it read from SQLite per connection ({@link Budget}); after
 * any of these, it reads it again, so the application's new policy wins from its next statement on. (A
 * {@code PRAGMA busy_timeout} text is seen by {@link StatementInterceptor}.)
 */
final class BusyPolicyInterceptor implements Interceptor {
    private final TransactionStates states;

    BusyPolicyInterceptor(TransactionStates states) {
        this.states = states;
    }

    @Override
    public Object intercept(Call call) throws Throwable {
        Object connection = call.self() != null ? call.self() : call.arguments()[0];
        try {
            return call.proceed();
        } finally {
            // Also after a failure: the change may have reached SQLite before it failed.
            Object db = DriverAccess.databaseOf(connection);
            synchronized (db) { // The monitor every hooked DB method holds while it reads the timeout.
                states.of(db).forgetBusyTimeout();
            }
        }
    }
}
