package dev.baton.lock.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the server while sessions of this JVM wait in {@code pg_advisory_lock}. A waiting session reads nothing
 * for as long as the holder works, so a server that vanishes without closing the socket (power, network cut, a
 * hung host) would leave the wait blocked until the OS's TCP keepalive gives up, two hours by default; and a
 * session that the server ended without the client hearing of it (a firewall dropping the idle connection, a
 * failover behind one address) would wait forever for a lock nobody will hand it.
 *
 * <p>So every sixth of {@code baton.lock.postgres.serverTimeout} (5 s by default) while waits exist, one query on
 * a session of its own asks the server which of the waiting sessions still exist there:
 * <ul>
 * <li>no answer (connection refused, timed out, closed): when the server has then been silent for a whole server
 * timeout, or would be by the next check, every wait is ended with {@link PostgresKeyLock.WaitEnd#SERVER_SILENT}: the
 * acquisition fails with a {@link dev.baton.lock.BackendUnavailableException} and the service applies the caller's
 * timeout policy. So a vanished server is noticed within the server timeout of its last answer.</li>
 * <li>an answer without a waiting session: that session is gone on the server; its wait is ended with
 * {@link PostgresKeyLock.WaitEnd#SESSION_GONE} and resumes on a fresh session (its place in the server's queue
 * was lost anyway).</li>
 * </ul>
 * A wait ends by aborting its socket, which is the only way to stop a blocked JDBC call.
 */
final class WaitWatchdog implements AutoCloseable {
    private static final String STILL_THERE = "SELECT pid FROM pg_stat_activity WHERE pid = ANY(?)";

    private final PostgresConnector connector;
    private final long timeoutNanos;
    private final Duration period;
    private final Map<PostgresKeyLock, Wait> waits = new ConcurrentHashMap<>();
    private ScheduledExecutorService timer;
    /** The probe's own session; only the timer thread touches it. */
    private Connection probe;
    /** When the server last answered a probe; only the timer thread touches it. */
    private long lastAnswerNanos = System.nanoTime();

    WaitWatchdog(PostgresConnector connector, Duration serverTimeout) {
        this.connector = connector;
        this.timeoutNanos = serverTimeout.toNanos();
        this.period = serverTimeout.dividedBy(6);
    }

    /** {@code session} of {@code lock} starts waiting on the server. */
    void watch(PostgresKeyLock lock, Connection session) throws SQLException {
        waits.put(lock, new Wait(session, PostgresConnector.serverOf(session), PostgresConnector.backendPid(session),
                System.nanoTime()));
        startOnce();
    }

    void forget(PostgresKeyLock lock) {
        waits.remove(lock);
    }

    private synchronized void startOnce() {
        if (timer == null) {
            long millis = Math.max(1, period.toMillis());
            timer = SessionWatchdog.daemonTimer("baton-lock-postgres-waits");
            // At a fixed rate: a look that times out (it gives up after one period) is followed by the next at once,
            // so a silent server is judged about every period, as silent() assumes.
            timer.scheduleAtFixedRate(this::checkAll, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** One look at the server for every current wait; also called by tests. */
    void checkAll() {
        if (waits.isEmpty()) {
            return;
        }
        Map<PostgresKeyLock, Wait> asked = Map.copyOf(waits);
        long started = System.nanoTime();
        Set<Integer> present;
        String server;
        try {
            present = stillThere(asked);
            server = PostgresConnector.serverOf(probe);
        } catch (SQLException | RuntimeException e) {
            closeProbe();
            if (e instanceof SQLException sql && !PostgresConnector.isConnectionFailure(sql)) {
                lastAnswerNanos = System.nanoTime(); // An error the server sent (too many connections): it is there.
                return;
            }
            silent(asked, e);
            return;
        }
        lastAnswerNanos = System.nanoTime();
        asked.forEach((lock, wait) -> {
            // Only sessions on the server the probe reached (a URL may name several hosts) can be checked there.
            if (wait.server.equals(server) && !present.contains(wait.pid) && wait.sinceNanos - started < 0) {
                lock.endWait(wait.session, PostgresKeyLock.WaitEnd.SESSION_GONE, null);
            }
        });
    }

    private Set<Integer> stillThere(Map<PostgresKeyLock, Wait> asked) throws SQLException {
        if (probe == null) {
            probe = connector.connectWithin(period);
        }
        Integer[] pids = asked.values().stream().map(Wait::pid).toArray(Integer[]::new);
        Set<Integer> present = new HashSet<>();
        try (PreparedStatement statement = probe.prepareStatement(STILL_THERE)) {
            Array array = probe.createArrayOf("int4", pids);
            statement.setArray(1, array);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    present.add(rows.getInt(1));
                }
            }
        }
        return present;
    }

    /**
     * No answer. A wait is ended once the server has been silent, since its last answer or the wait's start, for
     * a whole server timeout or would be by the next look: between five and six sixths of the timeout after the
     * last answer, so within the timeout of the server vanishing.
     */
    private void silent(Map<PostgresKeyLock, Wait> asked, Exception cause) {
        long now = System.nanoTime();
        asked.forEach((lock, wait) -> {
            long heard = lastAnswerNanos - wait.sinceNanos > 0 ? lastAnswerNanos : wait.sinceNanos;
            if (now + period.toNanos() - heard >= timeoutNanos) {
                lock.endWait(wait.session, PostgresKeyLock.WaitEnd.SERVER_SILENT, cause);
            }
        });
    }

    private void closeProbe() {
        if (probe != null) {
            PostgresConnector.abort(probe);
            probe = null;
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        waits.clear();
        closeProbe(); // Racy with a running check only if close comes from elsewhere; abort is safe to repeat.
    }

    /** A session waiting on a server (host:port as connected) in its server process {@code pid}, since when. */
    private record Wait(Connection session, String server, int pid, long sinceNanos) {
    }
}
