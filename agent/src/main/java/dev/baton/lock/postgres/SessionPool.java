package dev.baton.lock.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Sessions not holding or waiting for any lock, kept for the next acquisition: opening a PostgreSQL session costs a
 * TCP and authentication handshake (milliseconds), a lock round trip well under one. A session is lent to one key
 * while it holds or waits (a session-level advisory lock lives exactly as long as its session) and comes back only
 * once its lock is released; a session in doubt is closed instead, since it might still hold something.
 */
final class SessionPool implements AutoCloseable {
    /** Enough for a few keys taken in a row; the service keeps its own per-key state, not sessions, for idle keys. */
    private static final int MAX_IDLE = 4;

    private final PostgresConnector connector;
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    SessionPool(PostgresConnector connector) {
        this.connector = connector;
    }

    /**
     * An idle session if there is one, else a new one. {@link Lent#reused()} tells the caller it may retry once on
     * {@link #connectFresh()} when the session turns out dead: a server restart or an idle timeout may have ended it
     * while it waited here.
     */
    Lent borrow() throws SQLException {
        synchronized (this) {
            if (closed) {
                throw new SQLException("the PostgreSQL lock backend is closed");
            }
            Connection session = idle.pollFirst();
            if (session != null) {
                return new Lent(session, true);
            }
        }
        return new Lent(connector.connect(), false);
    }

    /** A new session, for a retry after a pooled one turned out dead. */
    Connection connectFresh() throws SQLException {
        checkOpen();
        return connector.connect();
    }

    /** A new session, connected within {@code timeout} or not at all (see PostgresConnector#connectWithin). */
    Connection connectFresh(Duration timeout) throws SQLException {
        checkOpen();
        return connector.connectWithin(timeout);
    }

    private synchronized void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("the PostgreSQL lock backend is closed");
        }
    }

    /** For a session that holds no advisory lock and is healthy. */
    void giveBack(Connection session) {
        synchronized (this) {
            if (!closed && idle.size() < MAX_IDLE) {
                idle.addFirst(session); // Most recently used first: its socket is the least likely to be stale.
                return;
            }
        }
        PostgresConnector.abort(session);
    }

    @Override
    public void close() {
        Connection[] sessions;
        synchronized (this) {
            closed = true;
            sessions = idle.toArray(new Connection[0]);
            idle.clear();
        }
        for (Connection session : sessions) {
            PostgresConnector.abort(session);
        }
    }

    /** A session handed out, and whether it had been used before. */
    record Lent(Connection session, boolean reused) {
    }
}
