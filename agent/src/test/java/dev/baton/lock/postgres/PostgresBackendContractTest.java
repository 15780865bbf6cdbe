package dev.baton.lock.postgres;

import dev.baton.lock.BackendFixture;
import dev.baton.lock.LockBackendContract;

/** The lock contract on the PostgreSQL backend, against a real server; each process has its own lock directory. */
class PostgresBackendContractTest extends LockBackendContract {
    @Override
    protected BackendFixture startBackend() throws Exception {
        return PostgresBackendFixture.start();
    }
}
