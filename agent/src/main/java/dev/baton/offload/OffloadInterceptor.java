package dev.baton.offload;

import java.sql.Connection;

import dev.baton.instrument.Call;
import dev.baton.instrument.Interceptor;

/**
 * Runs one kind of blocking sqlite-jdbc call (e.g. PreparedStatement.executeQuery) on the offload pool when a
 * virtual thread makes it, and inline whenever offloading could deadlock or change what the application sees:
 * <ul>
 * <li>the caller holds the monitor of the connection or of its DB: the pool thread would need it and wait forever
 * for a caller that waits for the pool thread;</li>
 * <li>the database has Java callbacks ({@link SqliteCallbacks}): they must run on the caller;</li>
 * <li>{@code ResultSet.next()} that will not reach native code ({@link ResultSetCursor}): offloading would cost
 * more than the call.</li>
 * </ul>
 * Platform threads (pool threads included, so nested hooked calls inside an offloaded one) are never intercepted.
 */
final class OffloadInterceptor implements Interceptor {
    private final String operation;
    private final boolean isResultSetNext;
    private final OffloadPool pool;
    private final SqliteCallbacks callbacks;

    OffloadInterceptor(String operation, boolean isResultSetNext, OffloadPool pool, SqliteCallbacks callbacks) {
        this.operation = operation;
        this.isResultSetNext = isResultSetNext;
        this.pool = pool;
        this.callbacks = callbacks;
    }

    @Override
    public boolean wants(Object self) {
        return VirtualThreads.isCurrentVirtual();
    }

    @Override
    public Object intercept(Call call) throws Throwable {
        Object self = call.self();
        if (isResultSetNext && !ResultSetCursor.nextSteps(self)) {
            return call.proceed();
        }
        Connection connection = SqliteConnections.connectionOf(self);
        Object database = connection == null ? null : SqliteConnections.databaseOf(connection);
        if (database == null || Thread.holdsLock(connection) || Thread.holdsLock(database)
                || callbacks.present(database)) {
            return call.proceed();
        }
        return pool.run(call, SqliteConnections.urlOf(database), operation);
    }
}
