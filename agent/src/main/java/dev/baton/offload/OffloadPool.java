package dev.baton.offload;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.baton.bridge.ReentryGuard;
import dev.baton.instrument.Call;
import dev.baton.jfr.OffloadStatisticsEvent;
import jdk.jfr.FlightRecorder;

/**
 * A fixed number of platform threads that run blocking calls for virtual threads, fed by a {@link FairQueue} with
 * one lane per database. Started by the first offloaded call, so an application on Java 21+ that never touches
 * SQLite from a virtual thread gets no threads and no periodic event.
 */
final class OffloadPool {
    private static final Logger LOG = LoggerFactory.getLogger("baton");

    /** Longest spin of a caller waiting for its call, and of an idle worker waiting for the next call. */
    private static final long CALLER_SPIN_NANOS = 20_000;
    private static final long IDLE_SPIN_NANOS = 50_000;

    private final int threads;
    private final FairQueue<OffloadedCall> queue;
    private final AtomicInteger active = new AtomicInteger();
    private final SpinBudget callerSpin = new SpinBudget(CALLER_SPIN_NANOS);
    /** A j.u.c. lock, not a monitor: the first caller is a virtual thread and must not pin its carrier. */
    private final ReentrantLock startLock = new ReentrantLock();
    private volatile boolean started;
    /** Worker threads started so far; guarded by startLock. */
    private int workers;

    OffloadPool(int threads, int queueCapacity) {
        this.threads = threads;
        this.queue = new FairQueue<>(queueCapacity);
    }

    /** Runs the call on a pool thread while the current (virtual) thread parks; returns or throws what it does. */
    Object run(Call call, String database, String operation) throws Throwable {
        startOnce();
        OffloadedCall offloaded = new OffloadedCall(call, database, operation, callerSpin);
        queue.put(database, offloaded);
        return offloaded.await();
    }

    private void startOnce() {
        if (started) {
            return;
        }
        startLock.lock();
        try {
            // Counted, so that a failed thread start (the caller then runs inline) is retried without extra threads.
            while (workers < threads) {
                // No inheritable thread-locals: the first caller's (an application virtual thread) must not leak into
                // a thread that serves every caller.
                Thread worker = new Thread(null, this::work, "baton-offload-" + (workers + 1), 0, false);
                worker.setDaemon(true);
                worker.start();
                workers++;
            }
            if (!started) {
                recordStatistics();
                started = true;
                LOG.debug("offload pool started: {} platform threads", threads);
            }
        } finally {
            startLock.unlock();
        }
    }

    private void work() {
        // Baton's own code on this thread is never intercepted; Call.proceed() leaves this state for the original.
        ReentryGuard.enter();
        SpinBudget idleSpin = new SpinBudget(IDLE_SPIN_NANOS);
        while (true) {
            OffloadedCall call;
            try {
                awaitWorkBriefly(idleSpin);
                call = queue.take();
            } catch (InterruptedException e) {
                // Nobody but Baton owns these threads; an interrupt is noise, and stopping would strand callers.
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

    private void recordStatistics() {
        try {
            FlightRecorder.addPeriodicEvent(OffloadStatisticsEvent.class, () -> {
                OffloadStatisticsEvent event = new OffloadStatisticsEvent();
                event.poolSize = threads;
                event.active = active.get();
                event.queued = queue.size();
                event.commit();
            });
        } catch (Throwable t) {
            // Statistics are optional; offloading works without JFR.
            LOG.debug("baton.OffloadStatistics not registered", t);
        }
    }
}
