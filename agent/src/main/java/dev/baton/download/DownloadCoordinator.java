package dev.baton.download;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import dev.baton.core.Locks;
import dev.baton.jfr.DownloadEvent;
import dev.baton.retry.RetryStats;

/**
 * The protocol every download idiom shares:
 * <ol>
 * <li>lock the canonical target path (other targets never wait);</li>
 * <li>double-check inside the lock: if a peer finished this target while we waited, use its file;</li>
 * <li>otherwise transfer into a temp sibling (retrying when Baton owns the request) and rename it over the target.</li>
 * </ol>
 * Idiom interceptors adapt arguments and results; the protocol never depends on which API the application used.
 */
final class DownloadCoordinator {
    /** What happened, so the interceptor can return what the application's call would have returned. */
    record Outcome(Path target, boolean coalesced, long bytes) {
    }

    private static final String SCOPE = "download";

    private final Locks locks;
    private final String onTimeout;
    private final DownloadRetry retry;
    private final Duration ttl;

    DownloadCoordinator(Locks locks, String onTimeout, DownloadRetry retry, Duration ttl) {
        this.locks = locks;
        this.onTimeout = onTimeout;
        this.retry = retry;
        this.ttl = ttl;
    }

    /**
     * @param url the source as the application named it, or null for a caller-supplied stream
     * @param retriable Baton owns the request and may repeat it (never for caller-supplied streams)
     * @param replaceExisting false when the application's call fails on an existing target
     * @param transfer the application's own call, redirected into a temp file
     */
    Outcome download(Path requested, String url, boolean retriable, boolean replaceExisting, Transfer transfer)
            throws Throwable {
        Path target = canonical(requested);
        DownloadEvent event = new DownloadEvent();
        event.begin();
        event.target = target.toString();
        event.url = Redaction.url(url);
        RetryStats attempts = new RetryStats();
        String outcome = "failed";
        NestedDownloads.enter();
        String purpose = url == null ? "copy to file" : "download " + event.url;
        try (Locks.Lease lock = locks.acquire(SCOPE, target.toString(), purpose, null, onTimeout)) {
            if (usePeersFile(lock, replaceExisting) && Files.isRegularFile(target) || isFresh(target)) {
                long size = Files.size(target);
                // Acquiring started a new generation; it stays "done" so the waiters behind us coalesce too.
                lock.markDone();
                event.coalesced = true;
                event.bytes = size;
                outcome = "coalesced";
                return new Outcome(target, true, size);
            }
            if (!replaceExisting && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                // The application's call refuses existing targets: let it do so, under the lock, unchanged.
                return new Outcome(target, false, transfer.into(requested));
            }
            if (lock.locked()) {
                AtomicPublisher.removeLeftovers(target);
            }
            Path temp = AtomicPublisher.tempFor(target);
            try {
                long bytes = retriable
                        ? retry.run(event.target, attempts, () -> transferOnce(transfer, temp))
                        : transferOnce(transfer, temp);
                AtomicPublisher.publish(temp, target);
                lock.markDone();
                event.bytes = bytes;
                outcome = "transferred";
                return new Outcome(target, false, bytes);
            } finally {
                AtomicPublisher.discard(temp);
            }
        } finally {
            NestedDownloads.exit();
            // Retried transfers count their attempts; a single (caller-stream) transfer is one; a coalesced call none.
            event.attempts = attempts.attempts() > 0 ? attempts.attempts() : "coalesced".equals(outcome) ? 0 : 1;
            event.outcome = outcome;
            event.commit();
        }
    }

    /**
     * A peer that finished while we waited did our work. So did any Baton holder that published the target when the
     * application's call refuses existing targets: the application checked, found nothing, and lost the race to
     * that peer; the original call would only fail with FileAlreadyExistsException.
     */
    private static boolean usePeersFile(Locks.Lease lock, boolean replaceExisting) {
        return lock.peerCompletedWhileWaiting() || !replaceExisting && lock.previouslyDone();
    }

    private static long transferOnce(Transfer transfer, Path temp) throws Throwable {
        AtomicPublisher.discard(temp);
        return transfer.into(temp);
    }

    /** baton.download.ttl: also reuse a complete target that existed before, if it is young enough. */
    private boolean isFresh(Path target) throws IOException {
        if (ttl.isZero() || !Files.isRegularFile(target)) {
            return false;
        }
        FileTime modified = Files.getLastModifiedTime(target);
        return modified.toInstant().plus(ttl).isAfter(Instant.now());
    }

    /**
     * The lock key: absolute, normalised, with symbolic links in the directory resolved, so that two spellings of
     * one cache file share one lock.
     */
    static Path canonical(Path target) {
        Path absolute = target.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        if (parent != null && Files.isDirectory(parent)) {
            try {
                return parent.toRealPath().resolve(absolute.getFileName());
            } catch (IOException e) {
                return absolute;
            }
        }
        return absolute;
    }
}
