package dev.baton.lock.postgres;

import java.sql.Connection;
import java.sql.SQLException;

import dev.baton.lock.LockRecord;

/**
 * Reads key rows for {@code peek} on one shared session, never on a key's own session: peek runs concurrently with a
 * blocked {@code pg_advisory_lock}, whose session is busy, and must not disturb any lock. Reads are rare (only when
 * a wait begins or times out) and short, so one session serialised by a monitor is enough.
 */
final class RecordReader implements AutoCloseable {
    private final PostgresConnector connector;
    private Connection session;
    private boolean closed;

    RecordReader(PostgresConnector connector) {
        this.connector = connector;
    }

    /** Never throws: {@link LockRecord#UNKNOWN} when the database cannot be read now. */
    synchronized LockRecord read(long advisoryKey) {
        if (closed) {
            return LockRecord.UNKNOWN;
        }
        try {
            if (session == null) {
                session = connector.connect();
            }
            return LockTable.read(session, advisoryKey);
        } catch (SQLException | RuntimeException e) {
            if (session != null) {
                PostgresConnector.abort(session); // Reconnect on the next read.
                session = null;
            }
            return LockRecord.UNKNOWN;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (session != null) {
            PostgresConnector.abort(session);
            session = null;
        }
    }
}
