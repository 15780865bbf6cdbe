package dev.baton.offload;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;

import dev.baton.bridge.ReentryGuard;
import dev.baton.instrument.Call;
import dev.baton.log.BatonLog;

/**
 * Platform threads that run blocking calls for virtual threads, fed by a {@link FairQueue} with one lane per
 * connection: the fallback {@link Offloader} where {@link ManagedBlocking} is not available, or chosen with
 * baton.offload.mode=pool.
 *
 * <p>Elastic: a call that finds no idle worker starts one more, up to {@code maxThreads}, so a fast call does not
 * wait behind slow ones while the pool has room; workers above {@code coreThreads} stop after
 * {@link #KEEP_ALIVE_SECONDS} idle. Beyond {@code maxThreads}, calls queue (round-robin by connection), and beyond
 * the queue's capacity callers park: backpressure. Started by the first offloaded call, so an application that never
 * touches SQLite from a virtual thread gets no threads and no periodic event.
 */
final class OffloadPool implements Offloader {
    private static final Logger LOG = BatonLog.get();

    /** Longest spin of a caller waiting for its call, and of an idle worker waiting for the next call. */
    private static final long CALLER_SPIN_NANOS = 20_000;
    private static final long IDLE_SPIN_NANOS = 50_000;
    static final long KEEP_ALIVE_SECONDS = 60;

    private final int coreThreads;
    private final int maxThreads;
    private final FairQueue<OffloadedCall> queue;
    private final AtomicInteger active = new AtomicInteger();
    private final SpinBudget callerSpin = new SpinBudget(CALLER_SPIN_NANOS);
    /** A j.u.c. lock, not a monitor: callers are virtual threads and must not pin their carrier. */
    private final ReentrantLock workersLock = new ReentrantLock();
    /** Workers alive; guarded by workersLock, read without it for statistics. */
    private volatile int workers;
    /** Names are never reused, so a thread dump tells workers apart over time; guarded by workersLock. */
    private int workersStarted;
    private volatile boolean statisticsRecorded;

    OffloadPool(int coreThreads, int maxThreads, int queueCapacity) {
        this.coreThreads = Math.max(1, Math.min(coreThreads, maxThreads));
        this.maxThreads = maxThreads;
        this.queue = new FairQueue<>(queueCapacity);
    }

    @Override
    public boolean handsOff() {
        return true;
    }

    /** Runs the call on a pool thread while the current (virtual) thread parks; returns or throws what it does. */
    @Override
    public Object run(Call call, Object lane, String operation) throws Throwable {
        OffloadedCall offloaded = new OffloadedCall(call, lane, operation, callerSpin);
        if (queue.put(lane, offloaded)) {
            addWorker();
        }
        return offloaded.await();
    }

    /** One more worker, if below the maximum. A failed thread start leaves the call queued for the others. */
    private void addWorker() {
        if (workers >= maxThreads) {
            return;
        }
        workersLock.lock();
        try {
            if (workers >= maxThreads) {
                return;
            }
            workersStarted++;
            // No inheritable thread-locals: the first caller's (an application virtual thread) must not leak into
            // a thread that serves every caller.
            Thread worker = new Thread(null, this::work, "baton-offload-" + workersStarted, 0, false);
            worker.setDaemon(true);
            try {
                worker.start();
            } catch (Throwable t) {
                LOG.debug("offload: pool thread not started", t);
                return;
            }
            workers++;
            if (!statisticsRecorded) {
                statisticsRecorded = true;
                OffloadStatistics.record("pool", () -> workers, active::get, queue::size);
                LOG.debug("offload: pool of {} to {} platform threads", coreThreads, maxThreads);
            }
        } finally {
            workersLock.unlock();
        }
    }

    private void work() {
        // Baton's own code on this thread is never intercepted; Call.proceed() leaves this state for the original.
        ReentryGuard.enter();
        SpinBudget idleSpin = new SpinBudget(IDLE_SPIN_NANOS);
        while (true) {
            queue.markIdle();
            OffloadedCall call;
            try {
                awaitWorkBriefly(idleSpin);
                call = queue.take(mayStop() ? TimeUnit.SECONDS.toNanos(KEEP_ALIVE_SECONDS) : 0);
            } catch (InterruptedException e) {
                // Nobody but Baton owns these threads; an interrupt is noise, and stopping would strand callers.
                continue;
            }
            if (call == null) {
                if (stop()) {
                    return;
                }
                continue;
            }
            active.incrementAndGet();
            try {
                call.run();
            } finally {
                active.decrementAndGet();
                // A call that returned with the interrupt flag set must not leak it into the next call.
                Thread.interrupted();
            }
        }
    }

    private boolean mayStop() {
        return workers > coreThreads;
    }

    /** A worker whose keep-alive ran out stops unless that would leave fewer than the core threads. */
    private boolean stop() {
        workersLock.lock();
        try {
            if (workers <= coreThreads) {
                return false;
            }
            workers--;
            return true;
        } finally {
            workersLock.unlock();
        }
    }

    /**
     * Spins a little before blocking in take(): a virtual thread's next call usually follows within microseconds
     * (a loop of lookups, next() after executeQuery), and waking a blocked platform thread costs tens of them.
     */
    private void awaitWorkBriefly(SpinBudget idleSpin) {
        long spinStart = System.nanoTime();
        long spinUntil = spinStart + idleSpin.nanos();
        while (queue.isEmpty() && System.nanoTime() < spinUntil) {
            Thread.onSpinWait();
        }
        // Work that arrived during the spin counts as a short wait; none means the wait will be long.
        idleSpin.observe(queue.isEmpty() ? Long.MAX_VALUE : System.nanoTime() - spinStart);
    }
}
