package dev.baton.offload;

import java.sql.Connection;

import dev.baton.instrument.Call;
import dev.baton.instrument.Interceptor;

/**
 * Runs one kind of blocking sqlite-jdbc call (e.g. PreparedStatement.executeQuery) of a virtual thread through the
 * JVM's {@link Offloader}. {@code ResultSet.next()} that will not reach native code ({@link ResultSetCursor}) runs as
 * it is: there is nothing to block on. Managed blocking gets the hooked object itself as the call's lane: it needs
 * no database to run the call, and names it only in events.
 *
 * <p>When the offloader hands calls to another thread (the pool), a call runs inline instead whenever that could
 * deadlock or change what the application sees:
 * <ul>
 * <li>the caller holds the monitor of the connection or of its DB: the pool thread would need it and wait forever
 * for a caller that waits for the pool thread;</li>
 * <li>the database has Java callbacks ({@link SqliteCallbacks}): they must run on the caller.</li>
 * </ul>
 * Managed blocking runs every call on its caller, so none of this applies there. Platform threads (pool threads
 * included, so nested hooked calls inside an offloaded one) are never intercepted.
 */
final class OffloadInterceptor implements Interceptor {
    private final String operation;
    private final boolean isResultSetNext;
    private final Offloader offloader;
    private final SqliteCallbacks callbacks;

    OffloadInterceptor(String operation, boolean isResultSetNext, Offloader offloader, SqliteCallbacks callbacks) {
        this.operation = operation;
        this.isResultSetNext = isResultSetNext;
        this.offloader = offloader;
        this.callbacks = callbacks;
    }

    /** Decided before anything is allocated: a next() that only reads the fetched row is not even dispatched. */
    @Override
    public boolean wants(Object self) {
        return VirtualThreads.isCurrentVirtual() && (!isResultSetNext || ResultSetCursor.nextStepsOrUnknown(self));
    }

    @Override
    public Object intercept(Call call) throws Throwable {
        Object self = call.self();
        if (!offloader.handsOff()) {
            // Nothing to decide: the call stays on its thread. Its database is looked up only if an event needs it.
            return offloader.run(call, self, operation);
        }
        Connection connection = SqliteConnections.connectionOf(self);
        Object database = connection == null ? null : SqliteConnections.databaseOf(connection);
        if (database == null || mustStayOnCaller(connection, database)) {
            return call.proceed();
        }
        return offloader.run(call, database, operation);
    }

    private boolean mustStayOnCaller(Connection connection, Object database) throws Throwable {
        return Thread.holdsLock(connection) || Thread.holdsLock(database) || callbacks.present(database);
    }
}
