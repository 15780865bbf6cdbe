package dev.baton.lock;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** A thread that acquires a lock and later closes it itself: locks must be released by the thread that took them. */
final class LockingThread implements AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final Future<LockHandle> handle;

    LockingThread(LockService locks, String scope, String key, Duration timeout, TimeoutPolicy policy) {
        handle = thread.submit(() -> locks.acquire(scope, key, "test", timeout, policy));
    }

    Future<LockHandle> handle() {
        return handle;
    }

    LockHandle awaitHandle() throws Exception {
        return handle.get(60, TimeUnit.SECONDS);
    }

    /** Interrupts the waiting thread, as a cancelled task would be. */
    void interrupt() {
        handle.cancel(true);
    }

    /** Releases the lock on its own thread, waiting until that is done. */
    void release() throws Exception {
        LockHandle acquired = awaitHandle();
        thread.submit(() -> {
            acquired.close();
            return null;
        }).get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
