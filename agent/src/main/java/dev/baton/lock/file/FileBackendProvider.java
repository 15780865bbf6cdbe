package dev.baton.lock.file;

import java.io.IOException;

import dev.baton.config.BatonConfig;
import dev.baton.config.Keys;
import dev.baton.lock.LockBackend;
import dev.baton.lock.LockBackendProvider;

/** {@code baton.lock.backend=file} (the default): lock files in {@code baton.lock.dir}. Built into the agent jar. */
public final class FileBackendProvider implements LockBackendProvider {
    @Override
    public String name() {
        return "file";
    }

    @Override
    public LockBackend open(BatonConfig config) throws IOException {
        return FileLockBackend.open(config.get(Keys.LOCK_DIR));
    }

    /** Without opening a backend: this JVM may use one lock directory through one backend only. */
    @Override
    public void checkUsable(BatonConfig config) throws IOException {
        FileLockBackend.checkUsable(config.get(Keys.LOCK_DIR));
    }
}
