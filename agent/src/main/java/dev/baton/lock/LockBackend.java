package dev.baton.lock;

import java.io.Closeable;
import java.io.IOException;

/**
 * Where cross-process exclusion and the per-key {@link LockRecord} live: lock files on one machine
 * ({@code dev.baton.lock.file}), or a database shared by several machines. {@link LockService} does everything else
 * (reentrancy, in-JVM FIFO, timeouts, the dedicated waiting thread, logging, JFR) the same for every backend.
 *
 * <p>A backend holds per-key resources that must exist at most once per JVM (a file channel, a connection), so a
 * backend is used by exactly one {@link LockService}.
 */
public interface LockBackend extends Closeable {
    /** Short name for logs and JFR, e.g. {@code file}. */
    String name();

    /**
     * Opens the backend's resource for one key. The service calls this at most once per key at a time and closes the
     * returned lock once no thread of this JVM holds, waits for or is about to wait for that key.
     */
    KeyLock open(LockId id) throws IOException;
}
