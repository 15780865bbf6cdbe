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
    /** The lane key: the database URL. */
    private final String database;
    private final String operation;
    private final Thread caller = Thread.currentThread();
    /** Driver code may look resources up through the context loader; it sees the caller's, as without Baton. */
    private final ClassLoader callerContextLoader = caller.getContextClassLoader();
    private final long queuedAt = System.nanoTime();

    private Object result;
    private Throwable failure;
    /** Written last by the pool thread: reading it true makes result and failure visible. */
    private volatile boolean done;

    OffloadedCall(Call call, String database, String operation) {
        this.call = call;
        this.database = database;
        this.operation = operation;
    }

    /** On a pool thread. Never throws: whatever the call throws belongs to the caller. */
    void run() {
        long started = System.nanoTime();
        Thread worker = Thread.currentThread();
        ClassLoader workerContextLoader = worker.getContextClassLoader();
        worker.setContextClassLoader(callerContextLoader);
        OffloadEvent event = new OffloadEvent();
        event.begin();
        try {
            result = call.proceed();
        } catch (Throwable t) {
            failure = t;
        } finally {
            worker.setContextClassLoader(workerContextLoader);
            done = true;
            LockSupport.unpark(caller);
        }
        long finished = System.nanoTime();
        event.end();
        if (event.shouldCommit()) {
            event.database = SqliteConnections.fileOf(database);
            event.operation = operation;
            event.caller = caller;
            event.queueWait = started - queuedAt;
            event.runTime = finished - started;
            event.commit();
        }
    }

    /**
     * On the caller: parks until the pool thread is done. An interrupt does not abandon the call, which already
     * runs and owns the statement; like the native call it replaces, it finishes, and the interrupt stays set.
     */
    Object await() throws Throwable {
        boolean interrupted = false;
        while (!done) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
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
