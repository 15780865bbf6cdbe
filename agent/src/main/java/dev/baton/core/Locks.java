package dev.baton.core;

import java.io.IOException;
import java.time.Duration;

/**
 * What features need from the cross-process lock service: a lease on one key, the double-check that tells a waiter a
 * peer already did the work, and the mark that says "done" for the next waiter.
 */
public interface Locks {
    /**
     * Waits for the lock of (scope, key).
     *
     * @param timeout null for baton.lock.timeout
     * @param onTimeout "proceed": return an unlocked lease and let the caller run unlocked; "fail": throw
     * @throws IOException on a timeout with policy fail: the message names the key and the holder
     */
    Lease acquire(String scope, String key, String purpose, Duration timeout, String onTimeout)
            throws IOException, InterruptedException;

    /** A held (or, after a timeout with policy proceed, not held) lock. */
    interface Lease extends AutoCloseable {
        /** False when the wait timed out with policy proceed. */
        boolean locked();

        /** While this lease waited, another holder finished the same key and marked it done. */
        boolean peerCompletedWhileWaiting();

        /**
         * The previous holder of this key finished and marked it done, whenever that was. Weaker than
         * {@link #peerCompletedWhileWaiting()}: use it only where redoing the work would fail anyway (a copy that
         * refuses an existing target).
         */
        boolean previouslyDone();

        /** The work is done: later waiters may skip it. */
        void markDone();

        @Override
        void close();
    }
}
