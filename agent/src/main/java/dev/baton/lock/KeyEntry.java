package dev.baton.lock;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Everything this JVM knows about one key while any thread uses it: the in-JVM queue and the backend's lock.
 *
 * <p>Two stages, because the kernel cannot do the first: a second fcntl lock on a file this JVM already locks throws
 * OverlappingFileLockException instead of waiting, and the kernel knows nothing of threads. So threads first queue
 * on a fair {@link ReentrantLock} (FIFO, reentrant, parks virtual threads without pinning, gives up its place cleanly
 * on interrupt or timeout); only the queue's owner then competes with other processes through the backend.
 *
 * <p>The cross-process wait runs on a platform thread from {@link #kernelWaiters}, never on the caller: it may
 * block for minutes, must not hold a virtual thread's carrier, and must never be interrupted (an interrupted
 * FileChannel.lock() closes the channel every thread shares). A caller that times out or is interrupted just stops
 * claiming the result; the wait stays pending, and either the next queue owner claims it or, if nobody does, the
 * lock it brings is released at once.
 */
final class KeyEntry {
    final LockId id;
    final KeyLock keyLock;
    /** Threads using this entry plus a pending kernel wait; guarded by the service's map (compute). */
    int users;
    /** Whether the service's idle queue names this entry; guarded like {@link #users}. */
    boolean inIdleQueue;

    private final ReentrantLock queue = new ReentrantLock(true);
    private final ReentrantLock kernelState = new ReentrantLock();
    private final Condition kernelWaitEnded = kernelState.newCondition();
    /** The cross-process wait in progress, at most one per key; guarded by kernelState. */
    private KernelWait pending;

    /** Per-hold state of the queue owner; touched only by the thread holding {@link #queue}. */
    HoldState hold;

    KeyEntry(LockId id, KeyLock keyLock) {
        this.id = id;
        this.keyLock = keyLock;
    }

    // ---- stage 1: the in-JVM queue ----

    boolean heldByCurrentThread() {
        return queue.isHeldByCurrentThread();
    }

    /** For the current holder: one more level of reentrancy. */
    void reenter() {
        queue.lock();
    }

    /** Enters at once if nobody of this JVM holds or waits; a fair lock's timed tryLock never barges ahead. */
    boolean enterQueueNow() throws InterruptedException {
        return queue.tryLock(0, TimeUnit.NANOSECONDS);
    }

    /** Waits in FIFO order; false when the time ran out. */
    boolean enterQueue(Deadline deadline) throws InterruptedException {
        if (deadline.forever()) {
            queue.lockInterruptibly();
            return true;
        }
        return queue.tryLock(deadline.remainingNanos(), TimeUnit.NANOSECONDS);
    }

    void leaveQueue() {
        queue.unlock();
    }

    int holdCount() {
        return queue.getHoldCount();
    }

    int queueLength() {
        return queue.getQueueLength();
    }

    // ---- stage 2: the cross-process lock, only ever by the queue owner ----

    /** Takes the backend lock if free. False when another process holds it or a pending wait must be joined. */
    boolean tryKernel() throws IOException {
        kernelState.lock();
        try {
            // A wait left by a predecessor that gave up is still blocked in the kernel; a second lock attempt on the
            // same channel would throw OverlappingFileLockException, so the caller joins that wait instead.
            return pending == null && keyLock.tryAcquire();
        } finally {
            kernelState.unlock();
        }
    }

    /**
     * Waits for the backend lock on a dedicated thread (starting the wait, or joining one already pending). True when
     * this caller now holds it; false when the deadline passed first, leaving the wait pending for the next owner.
     *
     * @param onWaitStarted called when a new wait starts, to count it as a user of this entry
     * @param onWaitEnded   called by the waiting thread when it is done with this entry
     */
    boolean awaitKernel(Deadline deadline, Executor kernelWaiters, Runnable onWaitStarted, Runnable onWaitEnded)
            throws IOException, InterruptedException {
        kernelState.lock();
        try {
            KernelWait wait = pending;
            if (wait == null) {
                wait = startWait(kernelWaiters, onWaitStarted, onWaitEnded);
            }
            wait.claimed = true;
            try {
                while (!wait.ended) {
                    if (deadline.forever()) {
                        kernelWaitEnded.await();
                    } else {
                        long left = deadline.remainingNanos();
                        if (left <= 0) {
                            wait.claimed = false;
                            return false;
                        }
                        kernelWaitEnded.awaitNanos(left);
                    }
                }
            } catch (InterruptedException e) {
                if (wait.ended) {
                    // The lock arrived just as the interrupt did: hand it back, or it would stay taken by nobody.
                    pending = null;
                    if (wait.failure == null) {
                        releaseQuietly();
                    }
                } else {
                    wait.claimed = false;
                }
                throw e;
            }
            pending = null;
            if (wait.failure != null) {
                throw new IOException("waiting for the lock of " + id + " at " + keyLock.location() + " failed",
                        wait.failure);
            }
            return true;
        } finally {
            kernelState.unlock();
        }
    }

    private KernelWait startWait(Executor kernelWaiters, Runnable onWaitStarted, Runnable onWaitEnded)
            throws IOException {
        KernelWait wait = new KernelWait();
        onWaitStarted.run();
        try {
            kernelWaiters.execute(() -> blockInKernel(wait, onWaitEnded));
        } catch (RejectedExecutionException e) {
            onWaitEnded.run();
            throw new IOException("lock service is closed", e);
        }
        pending = wait;
        return wait;
    }

    /** Runs on the dedicated platform thread; nobody interrupts it. */
    private void blockInKernel(KernelWait wait, Runnable onWaitEnded) {
        Throwable failure = null;
        try {
            keyLock.acquire();
        } catch (Throwable t) {
            failure = t;
        }
        kernelState.lock();
        try {
            wait.ended = true;
            wait.failure = failure;
            if (wait.claimed) {
                kernelWaitEnded.signalAll();
            } else {
                // Everyone who wanted it gave up. Release while still guarded, so a new owner's tryKernel cannot
                // meet the lock half-released.
                pending = null;
                if (failure == null) {
                    releaseQuietly();
                }
            }
        } finally {
            kernelState.unlock();
            onWaitEnded.run();
        }
    }

    void releaseKernel() throws IOException {
        kernelState.lock();
        try {
            keyLock.release();
        } finally {
            kernelState.unlock();
        }
    }

    private void releaseQuietly() {
        try {
            keyLock.release();
        } catch (IOException | RuntimeException e) {
            LockService.LOG.warn("could not release the unclaimed lock of {} at {}", id, keyLock.location(), e);
        }
    }

    boolean kernelWaitPending() {
        kernelState.lock();
        try {
            return pending != null;
        } finally {
            kernelState.unlock();
        }
    }

    void closeQuietly() {
        try {
            keyLock.close();
        } catch (IOException | RuntimeException e) {
            LockService.LOG.debug("closing the lock of {} failed", id, e);
        }
    }

    /** One cross-process wait; guarded by kernelState. */
    private static final class KernelWait {
        boolean claimed;
        boolean ended;
        Throwable failure;
    }
}
