package dev.baton.lock.postgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import dev.baton.log.BatonLog;

import dev.baton.config.ValueType;
import dev.baton.lock.BackendUnavailableException;

import dev.baton.lock.Holder;
import dev.baton.lock.KeyLock;
import dev.baton.lock.LockId;
import dev.baton.lock.LockRecord;

/**
 * One key as a session-level advisory lock. While this JVM holds or waits for the key, one session is lent to it
 * from the {@link SessionPool}: the lock lives as long as that session, so the server frees it when the holder
 * process dies (its socket closes) or its machine vanishes (server-side TCP keepalives, about a minute).
 *
 * <p>The owner thread's calls never overlap (KeyLock's contract); the {@link SessionWatchdog} thread and
 * {@link #close} from the service's shutdown may run concurrently, hence the monitor around the held session.
 */
final class PostgresKeyLock implements KeyLock {
    private static final Logger LOG = BatonLog.get();
    private static final long FIRST_PAUSE_MILLIS = 100;
    private static final long MAX_PAUSE_MILLIS = 1000;
    /** pgjdbc's connect timeout has whole seconds. */
    private static final long MIN_CONNECT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final LockId id;
    private final long advisoryKey;
    private final PostgresLockBackend backend;

    /** The session holding the lock; guarded by this. */
    private Connection held;
    /** A session blocked in pg_advisory_lock, so close and the watchdog can abort the wait; guarded by this. */
    private volatile Connection waiting;
    /** Why the watchdog ended the current wait, set before it aborts the session; guarded by this. */
    private WaitEnd waitEnd;
    /** What the watchdog saw when it ended the wait, for the message; guarded by this. */
    private Exception waitEndCause;
    /** This hold's generation (the fencing token); guarded by this. */
    private long generation;
    /** Set by close: a wait aborted by close must not be retried on a fresh session. */
    private volatile boolean closed;
    /** Set once the holding session is known gone, so the loss is reported once; guarded by this. */
    private boolean lost;

    PostgresKeyLock(LockId id, PostgresLockBackend backend) {
        this.id = id;
        this.advisoryKey = AdvisoryKey.of(id);
        this.backend = backend;
    }

    @Override
    public boolean tryAcquire() throws IOException {
        return withSession("trying the lock", session -> {
            if (lockQuery(session, "SELECT pg_try_advisory_lock(?)")) {
                holdWith(session);
                return true;
            }
            backend.sessions().giveBack(session);
            return false;
        });
    }

    /**
     * Blocks in the server, which queues waiters of one key in arrival order. The socket read has no timeout while
     * blocked: the wait is legitimately silent for as long as the holder works. {@link WaitWatchdog} looks after the
     * server meanwhile. A session that ends under the wait (a server restart, a network cut, the server no longer
     * knowing it) is replaced and the wait resumes, for as long as the server answers again within
     * baton.lock.postgres.serverTimeout; a server silent for that long fails the acquisition with a
     * {@link BackendUnavailableException}, and the service applies the caller's timeout policy.
     */
    @Override
    public void acquire() throws IOException {
        long silentSince = 0; // When the server stopped answering this acquisition; 0 while it answers.
        long pauseMillis = FIRST_PAUSE_MILLIS;
        Connection session = null;
        boolean pooled = false;
        while (true) {
            if (session == null) {
                try {
                    if (silentSince == 0) {
                        SessionPool.Lent lent = backend.sessions().borrow();
                        session = lent.session();
                        pooled = lent.reused();
                    } else {
                        // Reconnecting: give up connecting when the server timeout runs out, not 10 s later.
                        session = backend.sessions().connectFresh(Duration.ofNanos(
                                Math.max(MIN_CONNECT_NANOS, timeoutNanos() - (System.nanoTime() - silentSince))));
                        pooled = false;
                        silentSince = 0; // It answered.
                    }
                } catch (SQLException | RuntimeException e) {
                    if (closed || !isConnectionFailure(e)) {
                        throw failure("connecting for waiting for the lock", e);
                    }
                    silentSince = silentSince != 0 ? silentSince : System.nanoTime();
                    pauseMillis = pauseBeforeReconnecting(silentSince, pauseMillis, e);
                    continue;
                }
            }
            Exception failed = null;
            WaitEnd ended;
            try {
                synchronized (this) {
                    waiting = session;
                    waitEnd = null;
                }
                backend.waits().watch(this, session);
                session.setNetworkTimeout(Runnable::run, 0);
                lockCall(session, "SELECT pg_advisory_lock(?)");
                session.setNetworkTimeout(Runnable::run, backend.connector().statementTimeoutMillis());
                synchronized (this) {
                    ended = waitEnd;
                    waiting = null;
                    if (ended == null) {
                        holdWith(session);
                        return;
                    }
                }
            } catch (SQLException | RuntimeException e) {
                failed = e;
                synchronized (this) {
                    ended = waitEnd;
                    waiting = null;
                }
            } finally {
                backend.waits().forget(this);
            }
            PostgresConnector.abort(session); // It may hold the lock half-taken; the server frees what it held.
            session = null;
            if (closed) {
                throw failure("waiting for the lock", failed != null ? failed : new IOException("closed"));
            }
            if (ended == WaitEnd.SERVER_SILENT) {
                throw unavailable(waitEndCause);
            }
            if (ended == null && !isConnectionFailure(failed)) {
                throw failure("waiting for the lock", failed);
            }
            // The session ended under the wait: wait again on a new one (its place in the server's queue is lost).
            // A pooled session that the server ended while it sat in the pool is routine, not worth a line.
            if (!pooled || ended == WaitEnd.SESSION_GONE) {
                LOG.info("the PostgreSQL session waiting for the lock of {} ended ({}); waiting again on a new"
                        + " session", id, ended == WaitEnd.SESSION_GONE ? "the server no longer has it"
                                : failed.getMessage());
            }
            if (ended == null) {
                silentSince = silentSince != 0 ? silentSince : System.nanoTime();
            }
        }
    }

    /** Why {@link WaitWatchdog} ended a wait. */
    enum WaitEnd {
        /** The server has not answered for the server timeout: the acquisition fails, the caller's policy applies. */
        SERVER_SILENT,
        /** The server answers but no longer has the waiting session: the wait resumes on a new session. */
        SESSION_GONE
    }

    /**
     * For {@link WaitWatchdog}: ends the wait of {@code session} if it is still this key's waiting session, by
     * aborting its socket (the only way to stop a blocked JDBC call); {@link #acquire} then reads {@code end}.
     */
    void endWait(Connection session, WaitEnd end, Exception cause) {
        synchronized (this) {
            if (waiting != session || waitEnd != null) {
                return; // The wait ended meanwhile (the lock was granted, or it failed by itself).
            }
            waitEnd = end;
            waitEndCause = cause;
        }
        PostgresConnector.abort(session);
    }

    /**
     * Before reconnecting after a failed connection: pauses (doubling up to a second, so a restarting server is
     * not hammered), or gives up once the server has been silent for the server timeout.
     */
    private long pauseBeforeReconnecting(long silentSince, long pauseMillis, Exception cause) throws IOException {
        long leftMillis = TimeUnit.NANOSECONDS.toMillis(timeoutNanos() - (System.nanoTime() - silentSince));
        if (leftMillis <= 0) {
            throw unavailable(cause);
        }
        try {
            Thread.sleep(Math.min(pauseMillis, leftMillis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("waiting for the lock", e);
        }
        return Math.min(pauseMillis * 2, MAX_PAUSE_MILLIS);
    }

    private long timeoutNanos() {
        return backend.settings().serverTimeout().toNanos();
    }

    private BackendUnavailableException unavailable(Exception cause) {
        return new BackendUnavailableException("the PostgreSQL server at " + backend.location()
                + " has not answered for " + ValueType.DURATION_TYPE.format(backend.settings().serverTimeout())
                + " (baton.lock.postgres.serverTimeout)" + (cause == null ? "" : ": " + cause.getMessage()), cause);
    }

    private static boolean isConnectionFailure(Exception e) {
        return e instanceof SQLException sql && PostgresConnector.isConnectionFailure(sql);
    }

    /**
     * Runs a lock call on a lent session; a session that fails is closed (it may hold the lock half-taken). A reused
     * session that turns out dead gets one retry on a fresh one, so a server restart costs no failed acquisition.
     */
    private boolean withSession(String doing, SessionCall call) throws IOException {
        SessionPool.Lent lent;
        try {
            lent = backend.sessions().borrow();
        } catch (SQLException | RuntimeException e) {
            throw failure("connecting for " + doing, e);
        }
        try {
            return call.run(lent.session());
        } catch (SQLException e) {
            PostgresConnector.abort(lent.session());
            if (closed || !lent.reused() || !PostgresConnector.isConnectionFailure(e)) {
                throw failure(doing, e);
            }
        } catch (RuntimeException e) {
            PostgresConnector.abort(lent.session());
            throw failure(doing, e);
        }
        Connection fresh;
        try {
            fresh = backend.sessions().connectFresh();
        } catch (SQLException | RuntimeException e) {
            throw failure("reconnecting for " + doing, e);
        }
        try {
            return call.run(fresh);
        } catch (SQLException | RuntimeException e) {
            PostgresConnector.abort(fresh);
            throw failure(doing, e);
        }
    }

    /** A lock call on a session. */
    @FunctionalInterface
    private interface SessionCall {
        boolean run(Connection session) throws SQLException;
    }

    private synchronized void holdWith(Connection session) {
        held = session;
        generation = 0;
        lost = false;
        backend.watchdog().watch(this);
    }

    @Override
    public LockRecord claim(Holder holder) throws IOException {
        Connection session = heldSession();
        try {
            LockTable.Claim claim = LockTable.claim(session, advisoryKey, id, holder);
            synchronized (this) {
                generation = claim.current().generation();
            }
            return claim.previous();
        } catch (SQLException | RuntimeException e) {
            throw failure("recording the holder", e);
        }
    }

    /**
     * Fenced by generation. A session already known lost is not reported again (its warning said the next holder
     * redoes the work); a failure found here is reported as a loss, not thrown, for the same reason.
     */
    @Override
    public void markDone(String detail) throws IOException {
        Connection session;
        long fence;
        synchronized (this) {
            if (lost) {
                return;
            }
            session = held;
            fence = generation;
        }
        if (session == null) {
            throw new IOException("markDone of " + id + " without holding its lock");
        }
        try {
            if (!LockTable.markDone(session, advisoryKey, fence, detail)) {
                sessionLost(new IOException("the row of " + id + " moved past generation " + fence));
            }
        } catch (SQLException | RuntimeException e) {
            sessionLost(e);
        }
    }

    @Override
    public void release() throws IOException {
        Connection session;
        boolean alreadyLost;
        synchronized (this) {
            session = held;
            alreadyLost = lost;
            held = null;
            backend.watchdog().forget(this);
        }
        if (session == null) {
            return;
        }
        if (alreadyLost) {
            PostgresConnector.abort(session);
            return;
        }
        try {
            if (lockQuery(session, "SELECT pg_advisory_unlock(?)")) {
                backend.sessions().giveBack(session);
                return;
            }
            reportLoss(new IOException("pg_advisory_unlock found no lock of " + id + " on its session"));
        } catch (SQLException | RuntimeException e) {
            reportLoss(e);
        }
        PostgresConnector.abort(session);
    }

    /**
     * Watchdog: a held session that does not answer a ping is reported lost and closed. The ping runs under the
     * monitor, so release cannot hand the session back to the pool (and so to another key's blocking wait) while a
     * ping is in flight on it.
     */
    void checkSession() {
        Exception failure;
        synchronized (this) {
            if (held == null || lost) {
                return;
            }
            try (Statement ping = held.createStatement()) {
                ping.execute("SELECT 1"); // Under the session's 30 s network timeout.
                return;
            } catch (SQLException | RuntimeException e) {
                failure = e;
            }
        }
        sessionLost(failure);
    }

    private void sessionLost(Exception cause) {
        Connection session;
        synchronized (this) {
            if (lost) {
                return;
            }
            lost = true;
            session = held;
        }
        reportLoss(cause);
        if (session != null) {
            PostgresConnector.abort(session);
        }
    }

    private void reportLoss(Exception cause) {
        long fence;
        synchronized (this) {
            lost = true;
            fence = generation;
        }
        ConnectionLoss.report(id, location(), fence, cause);
    }

    @Override
    public LockRecord peek() {
        return backend.records().read(advisoryKey);
    }

    @Override
    public String location() {
        return backend.location() + " advisory lock " + advisoryKey;
    }

    /** Ends the session of a lock still held or waited for; the server releases or abandons it. */
    @Override
    public void close() {
        closed = true;
        Connection session;
        synchronized (this) {
            session = held;
            held = null;
            backend.watchdog().forget(this);
        }
        if (session != null) {
            PostgresConnector.abort(session);
        }
        Connection blocked = waiting;
        if (blocked != null) {
            PostgresConnector.abort(blocked);
        }
    }

    private synchronized Connection heldSession() throws IOException {
        if (held == null) {
            throw new IOException("the lock of " + id + " is not held");
        }
        return held;
    }

    /** Runs a lock function of this key and returns its boolean answer. */
    private boolean lockQuery(Connection session, String sql) throws SQLException {
        try (PreparedStatement statement = session.prepareStatement(sql)) {
            statement.setLong(1, advisoryKey);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    /** Runs a lock function of this key that returns nothing (it blocks or fails). */
    private void lockCall(Connection session, String sql) throws SQLException {
        try (PreparedStatement statement = session.prepareStatement(sql)) {
            statement.setLong(1, advisoryKey);
            statement.execute();
        }
    }

    private IOException failure(String doing, Exception e) {
        return new IOException(doing + " of " + id + " at " + location() + " failed: " + e.getMessage(), e);
    }
}
