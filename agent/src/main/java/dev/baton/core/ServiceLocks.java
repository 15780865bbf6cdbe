package dev.baton.core;

import java.io.IOException;
import java.time.Duration;

import dev.baton.lock.LockHandle;
import dev.baton.lock.LockService;
import dev.baton.lock.LockState;
import dev.baton.lock.TimeoutPolicy;

/**
 * The features' view of the lock service. The service starts on the first acquisition, so a JVM whose downloads and
 * installs never happen never opens the lock directory (or a database connection) and pays nothing at startup.
 */
final class ServiceLocks implements Locks {
    /** Creates the service; called once, on first use. */
    @FunctionalInterface
    interface ServiceFactory {
        LockService create() throws IOException;
    }

    /** After the service failed to start (database down), calls fall back at once instead of retrying every time. */
    private static final long RETRY_START_AFTER_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);

    private final ServiceFactory factory;
    private volatile LockService service;
    private IOException startFailure;
    private long startFailedAt;

    ServiceLocks(ServiceFactory factory) {
        this.factory = factory;
    }

    @Override
    public Lease acquire(String scope, String key, String purpose, Duration timeout, String onTimeout)
            throws IOException, InterruptedException {
        return new HandleLease(service().acquire(scope, key, purpose, timeout, TimeoutPolicy.parse(onTimeout)));
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
        public void markDone() {
            handle.markDone();
        }

        @Override
        public void close() {
            handle.close();
        }
    }
}
