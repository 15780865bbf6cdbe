package dev.baton.download;

import dev.baton.instrument.Interceptor;

/** One application idiom for "download to a file": adapts its arguments and results to the shared protocol. */
abstract class DownloadIdiom implements Interceptor {
    protected final DownloadCoordinator coordinator;

    DownloadIdiom(DownloadCoordinator coordinator) {
        this.coordinator = coordinator;
    }

    /**
     * Checked on every call: inside an idiom another idiom on the same thread is part of it (see
     * {@link NestedDownloads}), and an idiom that cannot apply yet passes the call through without a look.
     */
    @Override
    public final boolean wants(Object self) {
        return relevant() && !NestedDownloads.active();
    }

    /** A cheap check that this idiom may apply at all (a field read). */
    protected boolean relevant() {
        return true;
    }
}
