package dev.baton.download;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;

import dev.baton.core.Locks;
import dev.baton.instrument.Refusal;
import dev.baton.jfr.DownloadEvent;
import dev.baton.lock.LockRecord;
import dev.baton.publish.PublishTarget;
import dev.baton.publish.TempFiles;
import dev.baton.publish.TempNames;
import dev.baton.retry.RetryStats;

/**
 * The protocol every download idiom shares, for transfers whose source is a known network resource:
 * <ol>
 * <li>lock the target, with the lock file beside it (its own directory, so every process writing that file meets on
 * one lock whatever its configuration); other targets never wait;</li>
 * <li>double-check inside the lock: if a peer published the <em>same source</em> into this target while we waited
 * (or, a late arrival, shortly before, after Baton started in this JVM), use its file;</li>
 * <li>otherwise transfer into a temp sibling (retrying when Baton owns the request) and rename it over the target;
 * when the rename cannot publish, write the target the way the application's call would have, so the caller gets
 * exactly that call's result or exception, naming its own target.</li>
 * </ol>
 * Idiom interceptors adapt arguments and results; the protocol never depends on which API the application used.
 */
final class DownloadCoordinator {
    /** What happened, so the interceptor can return what the application's call would have returned. */
    record Outcome(boolean coalesced, long bytes, Object originalResult) {
    }

    private static final String SCOPE = "download";

    private final Locks locks;
    private final String onTimeout;
    private final DownloadRetry retry;
    private final Duration ttl;
    private final Duration reuseWindow;
    /** A peer's publish counts as one the application raced with only if made after this (see BatonContext). */
    private final long batonStartMillis;

    DownloadCoordinator(Locks locks, String onTimeout, DownloadRetry retry, Duration ttl, Duration reuseWindow,
            long batonStartMillis) {
        this.locks = locks;
        this.batonStartMillis = batonStartMillis;
        this.onTimeout = onTimeout;
        this.retry = retry;
        this.ttl = ttl;
        this.reuseWindow = reuseWindow;
    }

    /**
     * @param requested the application's target as it named it
     * @param source where the bytes come from (a network resource)
     * @param retriable Baton owns the request and may repeat it (never for caller-supplied streams)
     * @param replaceExisting false when the application's call fails on an existing target
     * @param transfer the application's own call
     * @return null when Baton stays out (the target's directory does not exist...): run the original unchanged
     */
    Outcome download(Path requested, DownloadSource source, boolean retriable, boolean replaceExisting,
            Transfer transfer) throws Throwable {
        PublishTarget target = PublishTarget.resolve(requested, transfer.writesInPlace());
        if (target == null) {
            return null;
        }
        DownloadEvent event = new DownloadEvent();
        event.begin();
        event.target = target.key();
        event.url = source.display();
        RetryStats attempts = new RetryStats();
        boolean transferred = false; // a caller-stream transfer (never retried) was attempted
        String outcome = "failed";
        NestedDownloads.enter();
        try (Locks.Lease lock = locks.acquireIn(target.directory(), SCOPE, target.key(),
                "download " + source.display(), null, onTimeout)) {
            if (lock.locked()) {
                TempFiles.removeLeftoverOf(lock.previousRecord(), target);
            }
            Reuse reuse = reusable(lock, source, target, replaceExisting);
            if (reuse != Reuse.NONE) {
                long size = Files.size(target.path());
                // Acquiring started a new generation; it stays "done" so the waiters behind us coalesce too. It names
                // our source only when the target is known to hold it: a target taken for its age (ttl) may hold
                // another one, and a waiter that wants exactly its source must not take it for a publish of that.
                lock.markDone(reuse == Reuse.SAME_SOURCE ? source.doneDetail() : lock.previousRecord().detail());
                event.coalesced = true;
                event.bytes = size;
                outcome = "coalesced";
                return new Outcome(true, size, null);
            }
            if (!replaceExisting && target.exists()) {
                // The application's call refuses existing targets: let it do so, under the lock, unchanged.
                outcome = "refused";
                return new Outcome(false, 0, transfer.original());
            }
            Path temp = lock.locked() ? TempFiles.forHolder(target, lock.generation()) : TempFiles.unlocked(target);
            String shown = requested.toString();
            try {
                transferred = true;
                // What counts is the temp's size as published (publish reads it), not what the transfer reported.
                if (retriable) {
                    retry.run(event.target, attempts, () -> transferOnce(transfer, temp, target));
                } else {
                    transferOnce(transfer, temp, target);
                }
                PublishedStamp.write(temp, source, System.currentTimeMillis());
                long published = publish(temp, target, replaceExisting, transfer, shown);
                lock.markDone(source.doneDetail());
                event.bytes = published;
                outcome = "transferred";
                return new Outcome(false, published, null);
            } catch (RetriableFailure.BadStatus badStatus) {
                throw badStatus; // The idiom answers with the server's response.
            } catch (Throwable t) {
                // The application's call ran on Baton's temp file: whatever ends it now is its outcome, never a
                // failure of Baton's to fall back from (that would return the temp's result as a success).
                throw Refusal.of(TempNames.hide(t, temp, shown));
            } finally {
                TempFiles.deleteQuietly(temp);
            }
        } finally {
            NestedDownloads.exit();
            // Retried transfers count their attempts; a single (caller-stream) transfer is one, failed or not; a
            // coalesced or refused call none.
            event.attempts = attempts.attempts() > 0 ? attempts.attempts() : transferred ? 1 : 0;
            event.outcome = outcome;
            event.commit();
        }
    }

    /**
     * Whether the target already holds what this call would fetch. Only ever for the same source: a peer that
     * published another source (or a local copy) into this target is serialised with us, never taken for us.
     * <ul>
     * <li>a peer published it while we waited for the lock;</li>
     * <li>for a call that refuses existing targets, the last holder published it since Baton started in this JVM (the
     * application checked, found nothing and lost the race; its own call would only fail with
     * FileAlreadyExistsException);</li>
     * <li>a late arrival: a peer published it after Baton started in this JVM, within
     * {@code baton.download.reuseWindow}, and the source can tell versions apart ({@link
     * DownloadSource#lateReusable}: a response the application holds must carry an ETag or a date);</li>
     * <li>{@code baton.download.ttl}: the user accepts any complete target younger than that, for calls that replace
     * their target.</li>
     * </ul>
     */
    private Reuse reusable(Locks.Lease lock, DownloadSource source, PublishTarget target, boolean replaceExisting)
            throws IOException {
        if (!target.isCompleteFile()) {
            return Reuse.NONE;
        }
        LockRecord previous = lock.previousRecord();
        boolean sameSource = source.doneDetail().equals(previous.detail());
        if (sameSource && lock.peerCompletedWhileWaiting()) {
            return Reuse.SAME_SOURCE;
        }
        long now = System.currentTimeMillis();
        boolean lostRaceMayBeOver = sameSource && !replaceExisting && lock.previouslyDone();
        if (lostRaceMayBeOver || !reuseWindow.isZero()) {
            // Only a publish since Baton started here counts: an older file is one the application could have seen
            // (a refusing call then refuses it, as without Baton), and late arrivals are bounded by the window.
            PublishedStamp.Publish publish = PublishedStamp.since(target.path(), source, batonStartMillis);
            if (publish != null && (lostRaceMayBeOver || source.lateReusable() && publish.recentPeer(reuseWindow,
                    now))) {
                return Reuse.SAME_SOURCE;
            }
        }
        // The ttl stands for a caller that would replace the target; one that refuses existing targets refuses a
        // young one too (its own call throws FileAlreadyExistsException), whatever the ttl says.
        return replaceExisting && isFresh(target.path(), now) ? Reuse.FRESH_ENOUGH : Reuse.NONE;
    }

    /** Why a target is taken as it is: it holds this very source, or it is only young enough (baton.download.ttl). */
    private enum Reuse {
        NONE, SAME_SOURCE, FRESH_ENOUGH
    }

    private static long transferOnce(Transfer transfer, Path temp, PublishTarget target) throws Throwable {
        TempFiles.deleteQuietly(temp);
        if (!transfer.createsItsFile()) {
            TempFiles.create(temp, target, transfer.writesInPlace());
        }
        return transfer.into(temp);
    }

    /**
     * Renames the complete temp over the target (or, for a call that refuses existing targets, links it there, which
     * fails if a file appeared meanwhile, as the call would). When that cannot publish, the application's own call
     * writes the target from the temp: same result, same exception as without Baton. A call that writes its target
     * in place into a file with other hard links also gets its file written (from the complete temp): a rename would
     * make a new file, and the other names would keep the old bytes.
     */
    private static long publish(Path temp, PublishTarget target, boolean replaceExisting, Transfer transfer,
            String shown) throws Throwable {
        long size = Files.size(temp);
        boolean renamable = !transfer.writesInPlace() || !target.exists()
                || Files.isWritable(target.path()) && !hasOtherLinks(target.path());
        if (renamable) {
            try {
                if (replaceExisting) {
                    Files.move(temp, target.path(), StandardCopyOption.ATOMIC_MOVE);
                } else {
                    Files.createLink(target.path(), temp);
                }
                return size;
            } catch (FileAlreadyExistsException appeared) {
                throw new FileAlreadyExistsException(shown);
            } catch (IOException | UnsupportedOperationException renameFailed) {
                // Published below, the application's way.
            }
        }
        if (!Files.exists(temp, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileSystemException(shown, null, "the downloaded file was removed before it could be"
                    + " moved into place");
        }
        return transfer.deliver(temp);
    }

    /** Whether another directory entry names the same file (Unix link count above 1); false where unknown. */
    private static boolean hasOtherLinks(Path target) {
        try {
            return (Integer) Files.getAttribute(target, "unix:nlink") > 1;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException unknown) {
            return false;
        }
    }

    /** baton.download.ttl: also reuse a complete target that existed before, if it is young enough. */
    private boolean isFresh(Path target, long nowMillis) throws IOException {
        if (ttl.isZero()) {
            return false;
        }
        FileTime modified = Files.getLastModifiedTime(target);
        return modified.toMillis() + ttl.toMillis() > nowMillis;
    }
}
