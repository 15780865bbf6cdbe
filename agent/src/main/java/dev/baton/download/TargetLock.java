package dev.baton.download;

import java.io.IOException;
import java.nio.file.Path;

/** What the download protocol needs from the lock service, in its own words. */
interface TargetLock extends AutoCloseable {
    /** False when the wait timed out with policy proceed: the caller runs unlocked (publish stays atomic). */
    boolean locked();

    /** A peer held this target's lock while we waited and finished its download (state done, newer generation). */
    boolean peerCompletedWhileWaiting();

    /** The target is published: waiters may use it instead of downloading. */
    void markDone();

    @Override
    void close();

    /** Acquires the lock of one target path. */
    @FunctionalInterface
    interface Factory {
        /** Throws IOException (the natural exception of download calls) on a timeout with policy fail. */
        TargetLock acquire(Path target, String purpose) throws IOException;
    }
}
