package dev.baton.lock.postgres;

import java.io.IOException;

import dev.baton.config.BatonConfig;
import dev.baton.lock.LockBackend;
import dev.baton.lock.LockBackendProvider;

/**
 * {@code baton.lock.backend=postgres}: advisory locks in a PostgreSQL database. Ships in baton-postgres.jar with the
 * relocated pgjdbc, so JVMs on another backend never load a class of it.
 */
public final class PostgresBackendProvider implements LockBackendProvider {
    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public void checkSettings(BatonConfig config) throws IOException {
        PostgresSettings.from(config);
    }

    @Override
    public LockBackend open(BatonConfig config) throws IOException {
        return PostgresLockBackend.open(PostgresSettings.from(config));
    }
}
