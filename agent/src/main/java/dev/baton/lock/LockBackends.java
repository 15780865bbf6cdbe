package dev.baton.lock;

import java.io.IOException;

import dev.baton.config.BatonConfig;
import dev.baton.config.Keys;
import dev.baton.lock.file.FileLockBackend;
import dev.baton.lock.postgres.PostgresLockBackend;
import dev.baton.lock.postgres.PostgresSettings;

/** Chooses the backend named by {@code baton.lock.backend}. A new backend adds its case here. */
public final class LockBackends {
    private LockBackends() {
    }

    public static LockBackend create(BatonConfig config) throws IOException {
        String name = config.get(Keys.LOCK_BACKEND);
        switch (name) {
            case "file":
                return FileLockBackend.open(config.get(Keys.LOCK_DIR));
            case "postgres":
                // Loads the PostgreSQL classes (and pgjdbc, on the first connection) only on this branch.
                return PostgresLockBackend.open(PostgresSettings.from(config));
            default:
                throw new IOException("baton.lock.backend=" + name + " is not available in this build"
                        + " (available: file, postgres)");
        }
    }

    /** The service Baton's features share, configured by baton.lock.backend and baton.lock.timeout. */
    public static LockService service(BatonConfig config) throws IOException {
        return new LockService(create(config), config.get(Keys.LOCK_TIMEOUT));
    }
}
