package dev.baton.sqlite;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * The writers of one database inside this JVM: one at a time, the others parked in arrival order. Not a lock of a
 * thread: a writer's place belongs to its transaction, which may end on another thread (pools, offloading).
 *
 * <p>A writer that arrives while the gate is free takes it even when others are parked, as long as the queue was
 * served less than {@link #BARGE_NANOS} ago; beyond that, strict arrival order. Handing the gate to a parked thread
 * costs a wake-up: tens of microseconds on a quiet machine, milliseconds on a busy one, while a transaction in WAL
 * mode takes about a hundred microseconds. A thread that just committed and begins its next transaction is running:
 * letting it go on keeps SQLite busy instead of idle, and the bound keeps every parked writer's wait short.
 */
final class WriterGate extends AbstractQueuedSynchronizer {
    static final long BARGE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** When a parked writer last got in, or the queue began: barging is allowed shortly after. */
    private volatile long queueServedAt;

    @Override
    protected boolean tryAcquire(int ignored) {
        if (getState() != 0) {
            return false;
        }
        if (hasQueuedPredecessors() && System.nanoTime() - queueServedAt > BARGE_NANOS) {
            return false; // A parked writer is overdue: the gate goes to it.
        }
        return compareAndSetState(0, 1);
    }

    @Override
    protected boolean tryRelease(int ignored) {
        setState(0);
        return true;
    }

    /** Takes the gate if it is free (see the class comment for when a free gate is left to parked writers). */
    boolean enterNow() {
        return tryAcquire(1);
    }

    /** Waits up to {@code nanos} for the gate, in arrival order. */
    boolean enter(long nanos) throws InterruptedException {
        if (tryAcquire(1)) {
            return true;
        }
        if (!hasQueuedThreads()) {
            queueServedAt = System.nanoTime();
        }
        boolean entered = tryAcquireNanos(1, nanos);
        if (entered) {
            queueServedAt = System.nanoTime();
        }
        return entered;
    }

    void leave() {
        release(1);
    }

    boolean free() {
        return getState() == 0;
    }
}
