package dev.baton.offload;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.baton.bridge.ReentryGuard;
import dev.baton.instrument.Call;
import dev.baton.jfr.OffloadEvent;

/**
 * Runs a virtual thread's blocking call where it is, on its own virtual thread, and gives the scheduler one more
 * carrier thread while the call blocks: the pinned carrier is compensated, as the JDK does for a virtual thread in
 * blocking file I/O. No handoff, so no queue: a fast call never waits behind a slow one and costs a few field writes;
 * nothing can deadlock on a monitor the caller holds; callbacks run on the caller's thread as without Baton.
 *
 * <p>Compensation is lazy. A monitor thread looks at the running calls every millisecond; a call it sees running at
 * two ticks in a row (so running for 1 to 2 ms) gets a carrier: the scheduler's parallelism goes up by one and a
 * carrier is started or woken. When the call ends, the parallelism comes back down at the next tick (the idle
 * carrier exits after the scheduler's keep-alive). Compensating every call eagerly would cost each point lookup a
 * carrier wake-up (a futex call and a thread that wakes to find nothing); most calls end long before a tick.
 *
 * <p>Bounds: at most {@code maxExtra} carriers are added (baton.offload.threads); calls beyond that run like without
 * Baton, pinning their carrier, which is what the JDK itself does when its scheduler reaches its maximum pool size.
 * No call ever waits for Baton: waiting for a slot could wait for a connection whose SQLite lock the waiter's own
 * transaction blocks. At most {@link #SLOTS} calls are watched at once; more run unwatched, like without Baton.
 *
 * <p>Nested calls (a hooked method calling another) are part of the outer call. The monitor sleeps while no call
 * runs; the first call wakes it.
 */
final class ManagedBlocking implements Offloader {
    private static final Logger LOG = LoggerFactory.getLogger("baton");

    /** How often the monitor looks; a blocked call stalls other virtual threads for one to two ticks at most. */
    static final long TICK_NANOS = 1_000_000;
    /** Calls watched at once (a power of two). */
    static final int SLOTS = 1024;
    /** Ticks without any call before the monitor sleeps until the next call. */
    private static final int QUIET_TICKS = 100;

    private static final ThreadLocal<RunningCall> CURRENT = ThreadLocal.withInitial(RunningCall::new);

    private final VirtualThreadScheduler scheduler;
    private final int maxExtra;
    private final AtomicReferenceArray<RunningCall> slots = new AtomicReferenceArray<>(SLOTS);
    /** Calls compensated and not yet ended; the monitor turns it into parallelism. */
    private final AtomicInteger compensated = new AtomicInteger();
    private final ReentrantLock startLock = new ReentrantLock();
    private volatile Thread monitor;
    private volatile boolean monitorSleeping;
    private volatile boolean broken;
    /** For statistics, written by the monitor: carriers added now, calls seen running at the last tick. */
    private volatile int carriersAdded;
    private volatile int callsRunning;

    ManagedBlocking(VirtualThreadScheduler scheduler, int maxExtra) {
        this.scheduler = scheduler;
        this.maxExtra = maxExtra;
    }

    @Override
    public boolean handsOff() {
        return false;
    }

    @Override
    public Object run(Call call, Object lane, String operation) throws Throwable {
        RunningCall current = CURRENT.get();
        if (current.running || broken || !started()) {
            return call.proceed();
        }
        int slot = claim(current);
        current.begin();
        OffloadEvent event = new OffloadEvent();
        event.begin();
        long started = event.isEnabled() ? System.nanoTime() : 0;
        try {
            return call.proceed();
        } finally {
            boolean wasCompensated = current.end();
            if (slot >= 0) {
                slots.lazySet(slot, null);
            }
            if (wasCompensated) {
                compensated.decrementAndGet();
            }
            event.end();
            if (event.shouldCommit()) {
                event.database = SqliteConnections.laneName(lane);
                event.operation = operation;
                event.caller = current.thread;
                event.runTime = System.nanoTime() - started;
                event.compensated = wasCompensated;
                event.commit();
            }
        }
    }

    /** Puts the call where the monitor sees it; -1 when every slot is taken (the call then runs unwatched). */
    private int claim(RunningCall call) {
        int start = call.slotHint >= 0 ? call.slotHint : (System.identityHashCode(call) * 0x9E3779B9) >>> 22;
        for (int k = 0; k < SLOTS; k++) {
            int i = (start + k) & (SLOTS - 1);
            if (slots.get(i) == null && slots.compareAndSet(i, null, call)) {
                call.slotHint = i;
                // After the slot write: a monitor going to sleep either sees this call or is woken here.
                if (monitorSleeping) {
                    LockSupport.unpark(monitor);
                }
                return i;
            }
        }
        return -1;
    }

    private boolean started() {
        if (monitor != null) {
            return true;
        }
        startLock.lock();
        try {
            if (monitor == null) {
                // No inheritable thread-locals: the first caller's must not leak into Baton's thread.
                Thread thread = new Thread(null, this::watch, "baton-offload-monitor", 0, false);
                thread.setDaemon(true);
                thread.start();
                monitor = thread;
                OffloadStatistics.record("managed", () -> carriersAdded, () -> callsRunning, () -> 0);
                LOG.debug("offload: managed blocking, up to {} carriers added to the virtual-thread scheduler"
                        + " (parallelism {})", maxExtra, scheduler.baseParallelism());
            }
            return true;
        } catch (Throwable t) {
            LOG.debug("offload: monitor thread not started ({}); calls run as without Baton", t.toString());
            return false;
        } finally {
            startLock.unlock();
        }
    }

    private void watch() {
        // Baton's own thread: nothing it does is intercepted.
        ReentryGuard.enter();
        long[] seenState = new long[SLOTS];
        RunningCall[] seenCall = new RunningCall[SLOTS];
        int quietTicks = 0;
        while (true) {
            int running = scan(seenState, seenCall);
            callsRunning = running;
            adjustCarriers();
            if (running > 0 || carriersAdded > 0) {
                quietTicks = 0;
            } else if (++quietTicks >= QUIET_TICKS) {
                sleepUntilACallStarts();
                quietTicks = 0;
            }
            LockSupport.parkNanos(this, TICK_NANOS);
        }
    }

    /** Compensates every call seen running, unchanged, at the previous tick too; returns the calls running. */
    private int scan(long[] seenState, RunningCall[] seenCall) {
        int running = 0;
        for (int i = 0; i < SLOTS; i++) {
            RunningCall call = slots.get(i);
            if (call == null) {
                seenCall[i] = null;
                continue;
            }
            long state = call.state.get();
            if (state != 0) {
                running++;
            }
            if (seenCall[i] == call && seenState[i] == state && RunningCall.compensate(call, state)) {
                compensated.incrementAndGet();
            }
            seenCall[i] = call;
            seenState[i] = state;
        }
        return running;
    }

    /** Only this thread changes the scheduler's parallelism, so no two changes race. */
    private void adjustCarriers() {
        int wanted = Math.max(0, Math.min(compensated.get(), maxExtra));
        int added = carriersAdded;
        if (wanted == added || broken) {
            return;
        }
        try {
            scheduler.setParallelism(scheduler.baseParallelism() + wanted);
            for (int k = added; k < wanted; k++) {
                scheduler.wake();
            }
            carriersAdded = wanted;
        } catch (Throwable t) {
            // Should not happen (find() tried both); if it does, stop compensating and leave the scheduler as it was.
            broken = true;
            LOG.warn("offload: cannot adjust the virtual-thread scheduler ({}); blocking calls now run as without"
                    + " Baton", t.toString());
            try {
                scheduler.setParallelism(scheduler.baseParallelism());
            } catch (Throwable ignored) {
                // Nothing more to do.
            }
            carriersAdded = 0;
        }
    }

    private void sleepUntilACallStarts() {
        monitorSleeping = true;
        // After the flag write: a call starting now either is seen here or wakes this thread.
        if (!anyWatched()) {
            LockSupport.park(this);
        }
        monitorSleeping = false;
    }

    private boolean anyWatched() {
        for (int i = 0; i < SLOTS; i++) {
            if (slots.get(i) != null) {
                return true;
            }
        }
        return false;
    }
}
