package dev.baton.core;

import java.nio.file.Path;
import java.time.Duration;

import dev.baton.lock.LockRecord;

/**
 * What features need from the cross-process lock service: a lease on one key, the double-check that tells a waiter a
 * peer already did the work, and the mark that says "done" for the next waiter.
 *
 * <p>How a lock that cannot be had reaches the feature, the same for every purpose:
 * <ul>
 * <li>the wait timed out and the purpose's policy is {@code proceed}: an unlocked lease;</li>
 * <li>the wait timed out and the policy is {@code fail}: a {@link dev.baton.instrument.Refusal} carrying an
 * IOException that names the key and its holder, which the dispatcher hands to the application as the call's own
 * exception (never swallowed by the fail-open path);</li>
 * <li>the lock itself failed (lock location unusable, lock file unwritable, disk full): with
 * {@code baton.onError=fail} a Refusal carrying an IOException that names the key and the cause; with
 * {@code warn} an unlocked lease, one warning per process and a {@code baton.Fallback} event.</li>
 * </ul>
 */
public interface Locks {
    /**
     * Waits for the lock of (scope, key) in the lock backend's own location.
     *
     * @param timeout null for baton.lock.timeout
     * @param onTimeout "proceed" or "fail", see above
     */
    Lease acquire(String scope, String key, String purpose, Duration timeout, String onTimeout)
            throws InterruptedException;

    /**
     * As {@link #acquire}, with the key's lock file in {@code directory} (with the file backend): every process
     * touching that directory meets on it, whatever its own lock directory. Use the directory's real path. (The
     * default, for stand-ins in tests, ignores the placement.)
     */
    default Lease acquireIn(Path directory, String scope, String key, String purpose, Duration timeout,
            String onTimeout) throws InterruptedException {
        return acquire(scope, key, purpose, timeout, onTimeout);
    }

    /** A held (or, after a timeout with policy proceed or a lock failure under warn, not held) lock. */
    interface Lease extends AutoCloseable {
        /** False when the wait timed out with policy proceed, or the lock failed under baton.onError=warn. */
        boolean locked();

        /** While this lease waited, another holder finished the same key and marked it done. */
        boolean peerCompletedWhileWaiting();

        /** Another holder had the key when this lease asked for it, so it waited its turn. */
        default boolean waitedForAnother() {
            return false;
        }

        /**
         * The previous holder of this key finished and marked it done, whenever that was. Weaker than
         * {@link #peerCompletedWhileWaiting()}: use it only where redoing the work would fail anyway (a copy that
         * refuses an existing target).
         */
        boolean previouslyDone();

        /**
         * What the previous holder left: its generation, state, process and {@link LockRecord#detail()}; unknown
         * when not locked.
         */
        default LockRecord previousRecord() {
            return LockRecord.UNKNOWN;
        }

        /** This holder's generation of the key (0 when not locked): unique among the key's holders in a row. */
        default long generation() {
            return 0;
        }

        /** The work is done: later waiters may skip it. */
        void markDone();

        /** The work is done, and {@code detail} says which (the next holders read it in {@link #previousRecord}). */
        default void markDone(String detail) {
            markDone();
        }

        @Override
        void close();
    }
}
