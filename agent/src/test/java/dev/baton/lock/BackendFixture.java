package dev.baton.lock;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A lock backend under test (the contract test, the benchmark): how a process, this JVM or a {@link LockChild},
 * configures it, and what the backend itself says about blocked waits, so tests wait for facts, not for time.
 */
public interface BackendFixture extends AutoCloseable {
    /** The backend's name, as {@code baton.lock.backend} says it. */
    String name();

    /**
     * Agent arguments for one process whose own lock directory is {@code processDir}: processes that share the
     * backend's location meet only where the backend makes them meet (postgres: every process has its own lock
     * directory, as on several machines).
     */
    String config(Path processDir);

    /** The service such a process uses, built as the agent builds it ({@code baton.lock.timeout=0}). */
    default LockService service(Path processDir) throws IOException {
        return LockChild.service(config(processDir));
    }

    /** A child JVM on this backend with its own lock directory {@code processDir}. */
    default ChildJvm child(Path processDir, String mode, String... args) throws IOException {
        return LockChild.start(mode, config(processDir), args);
    }

    /** Waits for (scope, key) blocked in the backend right now, of every process (this JVM included). */
    long blockedWaiters(String scope, String key) throws Exception;

    /** Whether processes waiting for one key get it in the order they started waiting. */
    boolean fifoAcrossProcesses();

    @Override
    void close() throws IOException;
}
