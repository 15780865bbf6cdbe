package dev.baton.download;

import dev.baton.core.BatonContext;

/** Adapts the lock service to what the download protocol needs. */
final class DownloadLocks {
    private DownloadLocks() {
    }

    static TargetLock.Factory from(BatonContext context) {
        throw new UnsupportedOperationException("the lock service is not wired yet");
    }
}
