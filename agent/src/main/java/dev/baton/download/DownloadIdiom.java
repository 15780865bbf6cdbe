package dev.baton.download;

import dev.baton.instrument.Interceptor;

/** One application idiom for "download to a file": adapts its arguments and results to the shared protocol. */
abstract class DownloadIdiom implements Interceptor {
    protected final DownloadCoordinator coordinator;

    DownloadIdiom(DownloadCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    /** Inside an idiom another idiom on the same thread is part of it (see {@link NestedDownloads}). */
    @Override
    public final boolean wants(Object self) {
        return !NestedDownloads.active();
    }
}
