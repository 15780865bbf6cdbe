package dev.baton.lock;

import java.io.Closeable;
import java.io.IOException;

/**
 * A backend's handle on one key, opened once per JVM. Exclusion here is between processes only: {@link LockService}
 * makes sure at most one thread of this JVM competes for the key, so implementations need no in-JVM queueing.
 *
 * <p>Threading contract: {@link #tryAcquire}, {@link #acquire}, {@link #claim}, {@link #markDone}, {@link #release}
 * and {@link #close} are never called concurrently with each other, and each call happens-after the previous one.
 * {@link #peek} may be called at any time from any thread, concurrently with all of them (including a blocked
 * {@link #acquire}), and must not disturb the lock.
 */
public interface KeyLock extends Closeable {
    /** Takes the cross-process lock if it is free, without waiting. */
    boolean tryAcquire() throws IOException;

    /**
     * Blocks until the cross-process lock is taken; no polling. Called only on a platform thread that Baton owns and
     * never interrupts, so an implementation may block in the kernel or in a network read.
     */
    void acquire() throws IOException;

    /**
     * With the lock taken: reads the previous holder's record, stores the new holder's with the generation bumped by
     * one and state {@link LockState#IN_PROGRESS}, and returns the previous record.
     */
    LockRecord claim(Holder holder) throws IOException;

    /**
     * With the lock taken: records that this holder's work is complete ({@link LockState#DONE}), with a short
     * {@code detail} about it (empty for none) that the next holders read in {@link LockRecord#detail()}.
     */
    void markDone(String detail) throws IOException;

    /** Releases the cross-process lock; the record stays for the next holder. */
    void release() throws IOException;

    /**
     * The current record, read without taking the lock: informational (who holds it, for logs) and the
     * "before waiting" half of the double-check. Never throws; returns {@link LockRecord#UNKNOWN} when unreadable.
     */
    LockRecord peek();

    /** Where the lock lives, for messages, e.g. the lock file's path. */
    String location();

    /**
     * Called when no thread of this JVM holds, waits for or is about to wait for the key. A backend may then remove
     * the key's resource (a lock file) if no other process uses it either, so that keys no longer in use leave
     * nothing behind.
     */
    @Override
    void close() throws IOException;
}
