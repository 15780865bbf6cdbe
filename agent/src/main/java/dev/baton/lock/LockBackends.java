package dev.baton.lock;

import java.io.IOException;

import dev.baton.config.BatonConfig;
import dev.baton.config.Keys;
import dev.baton.lock.file.FileLockBackend;

/** Chooses the backend named by {@code baton.lock.backend}. A new backend adds its case here. */
public final class LockBackends {
    private LockBackends() {
    }

    public static LockBackend create(BatonConfig config) throws IOException {
        String name = config.get(Keys.LOCK_BACKEND);
        switch (name) {
            case "file":
                return FileLockBackend.open(config.get(Keys.LOCK_DIR));
            default:
                throw new IOException("baton.lock.backend=" + name + " is not available in this build"
                        + " (available: file)");
        }
    }

    /** The service Baton's features share, configured by baton.lock.backend and baton.lock.timeout. */
    public static LockService service(BatonConfig config) throws IOException {
        return new LockService(create(config), config.get(Keys.LOCK_TIMEOUT));
    }
}
