package dev.baton.offload;

import dev.baton.instrument.Call;

/**
 * Runs a virtual thread's blocking call so that the other virtual threads keep running. Two ways exist
 * ({@link OffloadFeature#offloader}): {@link ManagedBlocking} (the call stays on its virtual thread and the scheduler
 * gets a spare carrier while it blocks, as the JDK does for file I/O) and {@link OffloadPool} (the call is handed to a
 * platform thread while the virtual thread parks), the fallback where the first is not available.
 */
interface Offloader {
    /**
     * Runs the call and returns or throws what it does.
     *
     * @param lane what a pool queues the call behind (the connection's {@code org.sqlite.core.DB} object, or a rule's
     *             lane name) and what events name as the database ({@link SqliteConnections#laneName}); managed
     *             blocking, which has no queue, gets the hooked statement, result set or connection instead
     * @param operation what events name as the operation, e.g. "PreparedStatement.executeQuery"
     */
    Object run(Call call, Object lane, String operation) throws Throwable;

    /**
     * True when calls run on another thread. Then a call must run inline instead whenever the other thread would
     * deadlock (the caller holds a monitor the call needs) or change what the application sees (Java callbacks).
     */
    boolean handsOff();
}
