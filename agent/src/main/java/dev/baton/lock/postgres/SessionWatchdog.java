package dev.baton.lock.postgres;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Pings the sessions of held locks every few seconds. A holder's session is otherwise silent until release, so a
 * server restart or a broken network would go unnoticed for the whole (possibly long) hold; the ping turns it into a
 * prompt, recorded {@link ConnectionLoss}. Waiting sessions cannot be pinged (they are busy in pg_advisory_lock):
 * {@link WaitWatchdog} looks after them.
 */
final class SessionWatchdog implements AutoCloseable {
    static final long INTERVAL_SECONDS = 5;

    private final Set<PostgresKeyLock> held = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService timer;

    void watch(PostgresKeyLock lock) {
        held.add(lock);
        startOnce();
    }

    void forget(PostgresKeyLock lock) {
        held.remove(lock);
    }

    private synchronized void startOnce() {
        if (timer != null) {
            return;
        }
        timer = daemonTimer("baton-lock-postgres-watchdog");
        timer.scheduleWithFixedDelay(this::checkAll, INTERVAL_SECONDS, INTERVAL_SECONDS, TimeUnit.SECONDS);
    }

    /** One daemon thread running checks: a watchdog must never keep the JVM alive. */
    static ScheduledExecutorService daemonTimer(String name) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    /** Also called by tests, so they need not wait for the timer. */
    void checkAll() {
        for (PostgresKeyLock lock : held) {
            lock.checkSession();
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        held.clear();
    }
}
