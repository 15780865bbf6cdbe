package dev.baton.core;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;

import dev.baton.instrument.Refusal;
import dev.baton.jfr.FallbackEvent;
import dev.baton.lock.LockHandle;
import dev.baton.lock.LockId;
import dev.baton.lock.LockRecord;
import dev.baton.lock.LockService;
import dev.baton.lock.LockState;
import dev.baton.lock.LockTimeoutException;
import dev.baton.lock.TimeoutPolicy;
import dev.baton.log.BatonLog;

/**
 * The features' view of the lock service, and the one place where a lock that cannot be had becomes what the
 * application sees (see {@link Locks}). The service starts on the first acquisition, so a JVM whose downloads and
 * installs never happen never opens the lock directory (or a database connection) and pays nothing at startup.
 */
final class ServiceLocks implements Locks {
    private static final Logger LOG = BatonLog.get();

    /** Creates the service; called once, on first use. */
    @FunctionalInterface
    interface ServiceFactory {
        LockService create() throws IOException;
    }

    /** After the service failed to start (database down), calls fall back at once instead of retrying every time. */
    private static final long RETRY_START_AFTER_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);

    private final ServiceFactory factory;
    private final boolean failOnError;
    private final AtomicBoolean unprotectedReported = new AtomicBoolean();
    private volatile LockService service;
    private IOException startFailure;
    private long startFailedAt;

    /**
     * @param failOnError baton.onError=fail: a lock failure fails the call instead of letting it run unprotected
     */
    ServiceLocks(ServiceFactory factory, boolean failOnError) {
        this.factory = factory;
        this.failOnError = failOnError;
    }

    @Override
    public Lease acquire(String scope, String key, String purpose, Duration timeout, String onTimeout)
            throws InterruptedException {
        return lease(LockId.of(scope, key), purpose, timeout, onTimeout);
    }

    @Override
    public Lease acquireIn(Path directory, String scope, String key, String purpose, Duration timeout,
            String onTimeout) throws InterruptedException {
        return lease(LockId.placed(scope, key, directory), purpose, timeout, onTimeout);
    }

    /**
     * An interrupt (Future.cancel(true), shutdownNow) neither ends the wait nor is lost: a guarded call that ran at
     * once, beside the holder, would be the very corruption the lock prevents, and without Baton the call would not
     * have waited at all, so the interrupt is the call's to see. The wait goes on for what is left of its timeout and
     * the thread's interrupt flag is set again before the call runs.
     */
    private Lease lease(LockId id, String purpose, Duration timeout, String onTimeout) {
        boolean interrupted = false;
        try {
            LockService locks = service();
            TimeoutPolicy policy = TimeoutPolicy.parse(onTimeout);
            Duration limit = timeout != null ? timeout : locks.defaultTimeout();
            long start = System.nanoTime();
            while (true) {
                try {
                    // The first wait is asked as the caller asked (its timeout message names that wait).
                    Duration wait = interrupted ? remaining(limit, start) : timeout;
                    return new HandleLease(locks.acquire(id, purpose, wait, policy));
                } catch (InterruptedException e) {
                    interrupted = true; // The flag is cleared now, so the next wait blocks.
                }
            }
        } catch (LockTimeoutException policyFail) {
            // A plain IOException, the guarded calls' natural exception: no Baton type reaches the application.
            throw Refusal.byBaton(new IOException(policyFail.getMessage()));
        } catch (IOException | RuntimeException lockFailure) {
            return unprotected(id, purpose, lockFailure);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** What is left of {@code limit} since {@code start}; zero means "forever", so an expired wait gets 1 ns. */
    private static Duration remaining(Duration limit, long start) {
        if (limit.isZero()) {
            return limit;
        }
        Duration left = limit.minusNanos(System.nanoTime() - start);
        return left.isNegative() || left.isZero() ? Duration.ofNanos(1) : left;
    }

    /**
     * The lock itself failed. With onError=fail the call fails: running it unprotected is what the user forbade.
     * With warn it runs without the lock, said once per process (every occurrence is a baton.Fallback event).
     */
    private Lease unprotected(LockId id, String purpose, Exception cause) {
        String what = "the " + purpose + " lock on " + id.redactedKey() + " (scope " + id.scope() + ")";
        if (failOnError) {
            throw Refusal.byBaton(new IOException("Baton could not take " + what + ": " + cause.getMessage()
                    + "; baton.onError=fail forbids running without it", cause));
        }
        if (unprotectedReported.compareAndSet(false, true)) {
            LOG.warn("could not take {}: {}; this and every later call that cannot be locked runs WITHOUT"
                    + " cross-process protection (logged once per process; baton.onError=fail fails such calls"
                    + " instead)", what, cause.toString());
        }
        FallbackEvent event = new FallbackEvent();
        if (event.shouldCommit()) {
            event.site = "lock " + id.scope();
            event.exception = cause.getClass().getName();
            event.message = String.valueOf(cause.getMessage());
            event.commit();
        }
        return Unlocked.INSTANCE;
    }

    private LockService service() throws IOException {
        LockService current = service;
        if (current == null) {
            synchronized (this) {
                if (service == null) {
                    service = start();
                }
                current = service;
            }
        }
        return current;
    }

    /**
     * Starts the service, or repeats the last start failure for a while: with a database that drops packets every
     * guarded call would otherwise wait for a connect timeout before falling back to the original call.
     */
    private LockService start() throws IOException {
        if (startFailure != null && System.nanoTime() - startFailedAt < RETRY_START_AFTER_NANOS) {
            throw startFailure;
        }
        try {
            LockService started = factory.create();
            startFailure = null;
            return started;
        } catch (IOException e) {
            startFailure = e;
            startFailedAt = System.nanoTime();
            throw e;
        }
    }

    private static final class HandleLease implements Lease {
        private final LockHandle handle;

        HandleLease(LockHandle handle) {
            this.handle = handle;
        }

        @Override
        public boolean locked() {
            return handle.locked();
        }

        @Override
        public boolean peerCompletedWhileWaiting() {
            return handle.peerCompletedWhileWaiting();
        }

        @Override
        public boolean previouslyDone() {
            return handle.locked() && handle.previousRecord().state() == LockState.DONE;
        }

        @Override
        public boolean waitedForAnother() {
            return handle.waitedForAnother();
        }

        @Override
        public LockRecord previousRecord() {
            return handle.previousRecord();
        }

        @Override
        public long generation() {
            return handle.generation();
        }

        @Override
        public void markDone() {
            handle.markDone();
        }

        @Override
        public void markDone(String detail) {
            handle.markDone(detail);
        }

        @Override
        public void close() {
            handle.close();
        }
    }

    /** No lock: the caller runs unprotected (and, for downloads, still publishes atomically). */
    private enum Unlocked implements Lease {
        INSTANCE;

        @Override
        public boolean locked() {
            return false;
        }

        @Override
        public boolean peerCompletedWhileWaiting() {
            return false;
        }

        @Override
        public boolean previouslyDone() {
            return false;
        }

        @Override
        public void markDone() {
        }

        @Override
        public void close() {
        }
    }
}
