package dev.baton.offload;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;

import dev.baton.bridge.ReentryGuard;
import dev.baton.instrument.Call;
import dev.baton.jfr.OffloadEvent;
import dev.baton.log.BatonLog;

/**
 * Runs a virtual thread's blocking call where it is, on its own virtual thread, and gives the scheduler more carrier
 * threads while calls block: pinned carriers are compensated, as the JDK does for a virtual thread in blocking file
 * I/O. No handoff, so no queue: a fast call never waits behind a slow one and costs a few field writes; nothing can
 * deadlock on a monitor the caller holds; callbacks run on the caller's thread as without Baton.
 *
 * <p>Compensation is lazy. A monitor thread looks at the running calls every millisecond; a call it sees running for
 * a tick or more (1 to 2 ms; longer while the machine is short of CPU, see {@link #noticeOwnLateness}) counts as
 * blocking. The scheduler's parallelism is kept at one more than the
 * blocking calls (never below its own): however many carriers they pin, one stays free for everything else, and a
 * carrier is started or woken at once for each one added. When calls end, the parallelism comes back down at the
 * next tick (idle carriers exit after the scheduler's keep-alive).
 *
 * <p>Why lazily: compensating every call eagerly would cost each point lookup a carrier wake-up (a futex call and a
 * thread that wakes to find nothing); most calls end long before a tick. Why one spare rather than one carrier per
 * blocking call: on a machine short of CPU, fast calls stretched by preemption look blocking too, and a carrier per
 * such call fed itself (more carriers, more preemption, more "blocking" calls: twelve extra carriers for sixteen
 * clients of point lookups, and a third less throughput, measured); one spare is all the other virtual threads need.
 *
 * <p>Bounds: at most {@code maxExtra} carriers are added (baton.offload.threads); beyond, calls pin their carrier as
 * without Baton, which is what the JDK itself does when its scheduler reaches its maximum pool size. No call ever
 * waits for Baton: waiting for a slot could wait for a connection whose SQLite lock the waiter's own transaction
 * holds. At most {@link #SLOTS} calls are watched at once; more run unwatched, like without Baton.
 *
 * <p>Nested calls (a hooked method calling another) are part of the outer call. The monitor sleeps while no call
 * runs; the first call wakes it.
 */
final class ManagedBlocking implements Offloader {
    private static final Logger LOG = BatonLog.get();

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
    private final ReentrantLock startLock = new ReentrantLock();
    private volatile Thread monitor;
    private volatile boolean monitorSleeping;
    private volatile boolean broken;
    /** Written by the monitor only: carriers added now, and the calls it saw running at the last tick. */
    private volatile int carriersAdded;
    private volatile int callsRunning;
    /** Decaying maximum of the monitor's own lateness (see noticeOwnLateness); the monitor's only. */
    private long lateness;
    /** Blocking calls found by the last scan; the monitor's only. */
    private int blocking;

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
            boolean blocked = current.end();
            if (slot >= 0) {
                slots.lazySet(slot, null);
            }
            event.end();
            if (event.shouldCommit()) {
                event.database = SqliteConnections.laneName(lane);
                event.operation = operation;
                event.caller = current.thread;
                event.runTime = System.nanoTime() - started;
                event.compensated = blocked;
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
        long[] firstSeen = new long[SLOTS];
        RunningCall[] seenCall = new RunningCall[SLOTS];
        int quietTicks = 0;
        long lastTick = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            noticeOwnLateness(now - lastTick - TICK_NANOS);
            lastTick = now;
            int running = scan(now, seenState, firstSeen, seenCall);
            adjustCarriers(blocking);
            callsRunning = running;
            if (running > 0 || carriersAdded > 0) {
                quietTicks = 0;
            } else if (++quietTicks >= QUIET_TICKS) {
                sleepUntilACallStarts();
                quietTicks = 0;
                lastTick = System.nanoTime();
            }
            LockSupport.parkNanos(this, TICK_NANOS);
        }
    }

    /**
     * How late this thread's own ticks come is how long any thread here may wait for a CPU on this machine now. A
     * call can look blocked just as long while its carrier merely waits for a CPU; it counts as blocking only after
     * twice that (and at least a tick). On a quiet machine that is one tick; on an overloaded one, fast calls
     * stretched by preemption are not mistaken for blocked ones. The figure decays over about a hundred ticks.
     */
    private void noticeOwnLateness(long lateNanos) {
        lateness = Math.max(Math.max(lateNanos, 0), lateness - lateness / 64);
    }

    /**
     * Counts the calls running and, among them, the blocking ones: the same call seen for at least the grace (a tick,
     * or twice the monitor's own recent lateness). Each blocking call is marked once (for its baton.Offload event).
     * Returns the calls running.
     */
    private int scan(long now, long[] seenState, long[] firstSeen, RunningCall[] seenCall) {
        long grace = Math.max(TICK_NANOS, 2 * lateness);
        int running = 0;
        int blocked = 0;
        for (int i = 0; i < SLOTS; i++) {
            RunningCall call = slots.get(i);
            if (call == null) {
                seenCall[i] = null;
                continue;
            }
            long state = call.state.get();
            if (state != 0) {
                running++;
                if (seenCall[i] == call && RunningCall.sameCall(seenState[i], state)) {
                    if (now - firstSeen[i] >= grace) {
                        blocked++;
                        RunningCall.compensate(call, state);
                    }
                } else {
                    firstSeen[i] = now;
                }
            }
            seenCall[i] = call;
            seenState[i] = state;
        }
        blocking = blocked;
        return running;
    }

    /**
     * One carrier more than the blocking calls, never fewer than the scheduler's own parallelism, at most
     * {@code maxExtra} added. Only this thread changes the scheduler's parallelism, so no two changes race.
     */
    private void adjustCarriers(int blockingCalls) {
        int wanted = Math.max(0, Math.min(blockingCalls + 1 - scheduler.baseParallelism(), maxExtra));
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
            // Should not happen (find() tried it); if it does, stop compensating and leave the scheduler as it was.
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
