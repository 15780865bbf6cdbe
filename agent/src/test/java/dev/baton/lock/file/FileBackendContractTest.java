package dev.baton.lock.file;

import dev.baton.lock.BackendFixture;
import dev.baton.lock.LockBackendContract;

/** The lock contract on the file backend: fcntl locks in one directory all processes share. */
class FileBackendContractTest extends LockBackendContract {
    @Override
    protected BackendFixture startBackend() throws Exception {
        return new FileBackendFixture();
    }
}
