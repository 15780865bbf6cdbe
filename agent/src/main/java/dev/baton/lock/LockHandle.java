package dev.baton.lock;

/**
 * The result of {@link LockService#acquire}: close it (try-with-resources) to release. Closing is idempotent and must
 * happen on the thread that acquired, as with any reentrant lock.
 *
 * <h2>The double-check without clocks</h2>
 * Work guarded by a lock (a download, an install) follows this pattern:
 * <pre>{@code
 * if (cached(target)) return target;                       // fast path: no lock at all
 * try (LockHandle lock = locks.acquire("download", url, "download", null, TimeoutPolicy.PROCEED)) {
 *     if (lock.peerCompletedWhileWaiting() && cached(target)) {
 *         return target;                                   // a peer just finished it: fresh, reuse it
 *     }
 *     fetchAndPublishAtomically(url, target);
 *     lock.markDone();                                     // tell the ones queued behind us
 * }
 * }</pre>
 * {@link #peerCompletedWhileWaiting()} compares the key's record as read when {@code acquire} had to start waiting
 * with the one found on taking the lock: true when a holder marked the key done in between. It needs no clock and no staleness
 * window, because each acquisition bumps a generation counter. A holder that died or did not call
 * {@link #markDone()} leaves the key "in progress", so the next holder redoes the work.
 */
public final class LockHandle implements AutoCloseable {
    private final LockService service;
    private final KeyEntry entry;
    private final LockId id;
    private final boolean locked;
    private final boolean reentered;
    private final long generation;
    private final LockRecord previous;
    private final boolean peerCompletedWhileWaiting;
    private final boolean waitedForAnother;
    private final Thread owner;
    private boolean closed;

    LockHandle(LockService service, KeyEntry entry, LockId id, boolean locked, boolean reentered, long generation,
            LockRecord previous, boolean peerCompletedWhileWaiting, boolean waitedForAnother) {
        this.service = service;
        this.entry = entry;
        this.id = id;
        this.locked = locked;
        this.reentered = reentered;
        this.generation = generation;
        this.previous = previous;
        this.peerCompletedWhileWaiting = peerCompletedWhileWaiting;
        this.waitedForAnother = waitedForAnother;
        this.owner = Thread.currentThread();
    }

    static LockHandle unlocked(LockId id) {
        return new LockHandle(null, null, id, false, false, 0, LockRecord.UNKNOWN, false, false);
    }

    public LockId id() {
        return id;
    }

    /**
     * True when this thread holds the key. False only after a timeout under {@link TimeoutPolicy#PROCEED}: the
     * caller runs unlocked, and must rely on atomic publishing.
     */
    public boolean locked() {
        return locked;
    }

    /** True when this thread already held the key: closing this handle keeps the lock. */
    public boolean reentered() {
        return reentered;
    }

    /** The key's generation while this thread holds it (bumped on every acquisition); 0 when not locked. */
    public long generation() {
        return generation;
    }

    /**
     * The record the previous holder left (its generation, state, identity). For a reentered handle it is the one
     * the outermost acquisition found; {@link LockRecord#UNKNOWN} when not locked or unreadable.
     */
    public LockRecord previousRecord() {
        return previous;
    }

    /**
     * True when, while this acquisition waited, another holder (another process or thread) completed this key and
     * marked it done. The caller should then look at the result again before redoing the work. False when the lock
     * was free at once (there was no wait), when the previous holder did not mark done (or died), for reentered and
     * unlocked handles, and whenever the record could not be read. False is always safe: the work is redone. It
     * errs that way in one narrow race too: a holder that completes between this acquisition finding the lock busy
     * and reading the record counts as done before the wait.
     */
    public boolean peerCompletedWhileWaiting() {
        return peerCompletedWhileWaiting;
    }

    /**
     * True when another holder (a thread or a process) had the key when this acquisition asked, so it waited for
     * it; false when the lock was free at once, for reentered and unlocked handles. Taking a free lock takes time
     * too (a file to open, a record to read): only this says whether anyone was made to wait.
     */
    public boolean waitedForAnother() {
        return waitedForAnother;
    }

    /**
     * Records that the guarded work is complete, so holders queued behind this one see
     * {@link #peerCompletedWhileWaiting()}. Call it after publishing, before closing. Does nothing on an unlocked
     * handle. Never throws: a mark that cannot be written is logged, and costs the next holder a redo at worst.
     */
    public void markDone() {
        markDone("");
    }

    /**
     * As {@link #markDone()}, saying {@code detail} about the finished work (at most 96 bytes are kept), which the
     * next holders read in {@link LockRecord#detail()} of {@link #previousRecord()}: e.g. which source a download
     * published, so that a waiter reuses it only for the same source.
     */
    public void markDone(String detail) {
        if (!locked || closed) {
            return;
        }
        checkOwner("markDone");
        service.markDone(entry, detail == null ? "" : detail);
    }

    /** Releases the lock (only the outermost of reentered handles releases the key). */
    @Override
    public void close() {
        if (!locked || closed) {
            return;
        }
        checkOwner("close");
        closed = true;
        service.release(entry);
    }

    private void checkOwner(String action) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException(action + " of the lock of " + id + " from thread "
                    + Thread.currentThread().getName() + "; it is held by thread " + owner.getName());
        }
    }

    @Override
    public String toString() {
        return "LockHandle[" + id + (locked ? ", generation " + generation : ", not locked")
                + (reentered ? ", reentered" : "") + (peerCompletedWhileWaiting ? ", peer completed" : "") + "]";
    }
}
