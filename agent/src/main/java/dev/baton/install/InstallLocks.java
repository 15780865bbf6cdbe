package dev.baton.install;

import dev.baton.core.BatonContext;

/** Adapts the lock service to what install serialisation needs. */
final class InstallLocks {
    private InstallLocks() {
    }

    static DirectoryLock.Factory from(BatonContext context) {
        throw new UnsupportedOperationException("the lock service is not wired yet");
    }
}
