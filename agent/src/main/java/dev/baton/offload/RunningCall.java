package dev.baton.offload;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The blocking call a virtual thread is running now, as {@link ManagedBlocking}'s monitor sees it. One per virtual
 * thread, reused for each of its calls: a call is told apart from the thread's previous one by its sequence number.
 *
 * <p>{@link #state} is {@code sequence << 1 | compensated}, or 0 between calls. The monitor marks a call it found
 * blocking by setting the low bit with a compare-and-set on the exact state it saw, so it can never mark a call that
 * has ended, nor the next call of the same thread; the thread ends a call with getAndSet(0) and so learns, exactly
 * once, whether it was marked (its baton.Offload event says so).
 */
final class RunningCall {
    private static final long COMPENSATED = 1L;

    final Thread thread = Thread.currentThread();
    final AtomicLong state = new AtomicLong();
    /** Only the owning thread reads and writes these. */
    private long sequence;
    boolean running;
    /** The slot this thread found free last time: tried first next time. */
    int slotHint = -1;

    /** Marks a new call running; returns its state. */
    long begin() {
        running = true;
        long begun = ++sequence << 1;
        state.set(begun);
        return begun;
    }

    /** Marks the call ended; true when the monitor had compensated it. */
    boolean end() {
        running = false;
        return (state.getAndSet(0) & COMPENSATED) != 0;
    }

    /** By the monitor: compensates the call whose state it saw, if that call is still running and not yet so. */
    static boolean compensate(RunningCall call, long seen) {
        return seen != 0 && (seen & COMPENSATED) == 0 && call.state.compareAndSet(seen, seen | COMPENSATED);
    }

    static boolean isCompensated(long state) {
        return (state & COMPENSATED) != 0;
    }

    /** Whether two states the monitor read are of one and the same call (marked since, or not). */
    static boolean sameCall(long seen, long now) {
        return seen != 0 && (seen | COMPENSATED) == (now | COMPENSATED);
    }
}
