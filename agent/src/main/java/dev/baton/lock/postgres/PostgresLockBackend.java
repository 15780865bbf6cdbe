package dev.baton.lock.postgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;

import dev.baton.lock.KeyLock;
import dev.baton.lock.LockBackend;
import dev.baton.lock.LockId;

/**
 * Locks shared by several machines through one PostgreSQL database ({@code baton.lock.backend=postgres}):
 * session-level advisory locks keyed by {@link AdvisoryKey}, plus a row per key in {@link LockTable} holding the
 * holder's identity, the generation counter and the state.
 *
 * <p>Why advisory locks and not rows locked with SELECT ... FOR UPDATE: a row lock lives in a transaction, and a
 * transaction held open for a ten-minute download pins the server's oldest snapshot (vacuum stalls) and is killed
 * by idle_in_transaction_session_timeout where set; an advisory session lock is held outside any transaction.
 * The price: the lock needs its session for as long as it is held, so connections must go straight to the server
 * or through a session-mode pooler, never a transaction-mode one (which would hand the session to someone else).
 */
public final class PostgresLockBackend implements LockBackend {
    private final PostgresConnector connector;
    private final SessionPool sessions;
    private final RecordReader records;
    private final SessionWatchdog watchdog = new SessionWatchdog();
    private final WaitWatchdog waits;
    private final PostgresSettings settings;

    private PostgresLockBackend(PostgresSettings settings) {
        this.settings = settings;
        this.connector = new PostgresConnector(settings);
        this.sessions = new SessionPool(connector);
        this.records = new RecordReader(connector);
        this.waits = new WaitWatchdog(connector, settings.serverTimeout());
    }

    /**
     * Connects once to check the settings and create the table if missing, so a wrong URL or password fails here,
     * with a message naming the database, not at the first lock.
     */
    public static PostgresLockBackend open(PostgresSettings settings) throws IOException {
        PostgresLockBackend backend = new PostgresLockBackend(settings);
        try {
            Connection session = backend.sessions.borrow().session();
            try {
                LockTable.createIfMissing(session);
            } catch (SQLException | RuntimeException e) {
                PostgresConnector.abort(session);
                throw e;
            }
            backend.sessions.giveBack(session);
            return backend;
        } catch (SQLException | RuntimeException e) {
            backend.close();
            throw new IOException("baton.lock.backend=postgres cannot use " + settings.safeUrl() + " as user "
                    + settings.user() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public KeyLock open(LockId id) {
        return new PostgresKeyLock(id, this); // No session yet: one is lent only while the key is held or awaited.
    }

    SessionPool sessions() {
        return sessions;
    }

    RecordReader records() {
        return records;
    }

    SessionWatchdog watchdog() {
        return watchdog;
    }

    WaitWatchdog waits() {
        return waits;
    }

    PostgresSettings settings() {
        return settings;
    }

    PostgresConnector connector() {
        return connector;
    }

    String location() {
        return connector.location();
    }

    @Override
    public void close() {
        waits.close();
        watchdog.close();
        records.close();
        sessions.close();
    }
}
