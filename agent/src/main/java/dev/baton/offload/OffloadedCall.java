package dev.baton.offload;

import java.util.concurrent.locks.LockSupport;

import dev.baton.instrument.Call;
import dev.baton.jfr.OffloadEvent;

/**
 * One blocking call handed from a virtual thread to the pool: the pool thread runs it ({@link #run}), the virtual
 * thread parks until it is done ({@link #await}) and then returns its result or throws its exception.
 */
final class OffloadedCall {
    private final Call call;
    /** How long the caller spins before it parks: shared by the callers of one pool. */
    private final SpinBudget spin;
    /** The connection's database object (or a rule's lane name) that events name. */
    private final Object lane;
    private final String operation;
    private final Thread caller = Thread.currentThread();
    /** Driver code may look resources up through the context loader; it sees the caller's, as without Baton. */
    private final ClassLoader callerContextLoader = caller.getContextClassLoader();
    /** Begun when the call is queued: the event's duration is what the caller waited, so a threshold keeps waits. */
    private final OffloadEvent event = new OffloadEvent();
    /** Read right after the event began, so that the queue wait never exceeds the event's duration. */
    private final long queuedAt;

    private Object result;
    private Throwable failure;
    /** Written last by the pool thread: reading it true makes result and failure visible. */
    private volatile boolean done;
    /** Set by the caller before it parks; the pool thread unparks only a caller that may be parked. */
    private volatile boolean parking;

    OffloadedCall(Call call, Object lane, String operation, SpinBudget spin) {
        this.call = call;
        this.spin = spin;
        this.lane = lane;
        this.operation = operation;
        event.begin();
        queuedAt = System.nanoTime();
    }

    /** On a pool thread. Never throws: whatever the call throws belongs to the caller. */
    void run() {
        long started = System.nanoTime();
        Thread worker = Thread.currentThread();
        ClassLoader workerContextLoader = worker.getContextClassLoader();
        worker.setContextClassLoader(callerContextLoader);
        long finished;
        try {
            result = call.proceed();
        } catch (Throwable t) {
            failure = t;
        } finally {
            finished = System.nanoTime();
            event.end();
            worker.setContextClassLoader(workerContextLoader);
            done = true;
            // Volatile write then read, against the caller's write of parking then read of done: either the caller
            // sees done and does not park, or this thread sees parking and unparks it. No stray permit is left on a
            // caller that never parked, where it would wake an unrelated park() of the application.
            if (parking) {
                LockSupport.unpark(caller);
            }
        }
        if (event.shouldCommit()) {
            event.database = SqliteConnections.laneName(lane);
            event.operation = operation;
            event.caller = caller;
            event.queueWait = started - queuedAt;
            event.runTime = finished - started;
            event.commit();
        }
    }

    /**
     * On the caller: waits until the pool thread is done. It first spins for up to a few microseconds (see
     * {@link SpinBudget}), because point lookups and small updates finish in that time and parking plus unparking a
     * virtual thread costs more than the call; holding the carrier that briefly is harmless. Then it parks, freeing
     * the carrier.
     *
     * <p>An interrupt does not abandon the call, which already runs and owns the statement; like the native call it
     * replaces, it finishes, and the interrupt stays set.
     */
    Object await() throws Throwable {
        long spinStart = System.nanoTime();
        long spinUntil = spinStart + spin.nanos();
        while (!done && System.nanoTime() < spinUntil) {
            Thread.onSpinWait();
        }
        boolean interrupted = false;
        if (!done) {
            parking = true;
            while (!done) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    interrupted = true;
                }
            }
        }
        spin.observe(System.nanoTime() - spinStart);
        if (interrupted) {
            caller.interrupt();
        }
        if (failure != null) {
            CallerStack.stitch(failure, call.target().className(), call.target().methodName());
            throw failure;
        }
        return result;
    }
}
