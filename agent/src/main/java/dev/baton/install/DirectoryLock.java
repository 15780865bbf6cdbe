package dev.baton.install;

import java.io.IOException;
import java.nio.file.Path;

/** What install serialisation needs from the lock service. */
interface DirectoryLock extends AutoCloseable {
    @Override
    void close();

    @FunctionalInterface
    interface Factory {
        /** Blocks until the directory is ours; IOException on a timeout with policy fail. */
        DirectoryLock acquire(Path directory, String purpose) throws IOException;
    }
}
