package dev.baton.lock;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import org.slf4j.Logger;

import dev.baton.config.ValueType;
import dev.baton.jfr.LockHoldEvent;
import dev.baton.jfr.LockWaitEvent;
import dev.baton.lock.file.FileLockBackend;
import dev.baton.log.BatonLog;
import dev.baton.recording.PeriodicEvents;

/**
 * Cross-process locks by (scope, key): the one lock mechanism every Baton rule uses.
 *
 * <ul>
 * <li>Reentrant per thread; independent keys never wait on each other (per-key state, no global lock).</li>
 * <li>Threads of this JVM waiting for one key are served in arrival order; across processes the backend decides.</li>
 * <li>The wait for another process runs on a dedicated platform thread, so virtual threads only park, and an
 * interrupted caller gives up its place without disturbing anyone.</li>
 * <li>A timeout never steals a lock: it applies the caller's {@link TimeoutPolicy}. A dead holder's lock is freed by
 * the backend (the kernel, for lock files), so crash recovery needs no timer.</li>
 * <li>One info line per contended wait; JFR events {@code baton.LockWait}, {@code baton.LockHold},
 * {@code baton.LockStatistics}.</li>
 * </ul>
 *
 * One service per backend (per lock directory) per JVM: {@code BatonContext.lockService()} owns it.
 */
public final class LockService implements AutoCloseable {
    static final Logger LOG = BatonLog.get();

    /**
     * Keys nobody uses stay open this many at a time, so a key taken again and again does not pay an open and close
     * of its lock file each time; beyond that the longest idle are closed, so many keys cannot exhaust descriptors.
     */
    static final int MAX_IDLE_KEYS = 128;

    private final LockBackend backend;
    private final Duration defaultTimeout;

    private final ConcurrentHashMap<LockId, KeyEntry> entries = new ConcurrentHashMap<>();
    /**
     * Entries that became idle, in the order they first did; an entry is in it at most once (KeyEntry.inIdleQueue),
     * and one in use again when its turn comes is kept and leaves the queue.
     */
    private final ConcurrentLinkedQueue<KeyEntry> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    /**
     * Made on the first wait for another process (guarded by this): an uncontended JVM, the common short-lived tool,
     * never builds the pool.
     */
    private ThreadPoolExecutor kernelWaiters;
    private boolean closed;
    private final LockStatistics statistics;
    private final Runnable statisticsHook;

    /**
     * @param defaultTimeout used when {@code acquire} gets no timeout; {@link Duration#ZERO} waits forever
     */
    public LockService(LockBackend backend, Duration defaultTimeout) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.defaultTimeout = Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        this.statistics = new LockStatistics(backend.name());
        this.statisticsHook = new EmitStatistics(statistics);
        registerStatistics();
    }

    /** The periodic JFR hook of the statistics. */
    private static final class EmitStatistics implements Runnable {
        private final LockStatistics statistics;

        EmitStatistics(LockStatistics statistics) {
            this.statistics = statistics;
        }

        @Override
        public void run() {
            statistics.emit();
        }
    }

    /** A service over lock files in {@code directory} (created 0700 if missing). */
    public static LockService files(Path directory, Duration defaultTimeout) throws IOException {
        return new LockService(FileLockBackend.open(directory), defaultTimeout);
    }

    private void registerStatistics() {
        try {
            PeriodicEvents.add(dev.baton.jfr.LockStatisticsEvent.class, statisticsHook);
        } catch (Throwable t) {
            LOG.debug("periodic lock statistics not registered with JFR", t);
        }
    }

    /** The wait {@code acquire} allows when it is given no timeout ({@code baton.lock.timeout}); zero: forever. */
    public Duration defaultTimeout() {
        return defaultTimeout;
    }

    /** Acquires with the configured default timeout ({@code baton.lock.timeout}). */
    public LockHandle acquire(String scope, String key, String purpose, TimeoutPolicy onTimeout)
            throws IOException, InterruptedException {
        return acquire(scope, key, purpose, null, onTimeout);
    }

    /**
     * Takes the lock of (scope, key), waiting as long as {@code timeout} allows.
     *
     * @param scope     kind of thing locked, e.g. {@code download}, {@code install}; part of the identity
     * @param key       the thing, e.g. a URL or a directory; never used as a path, redacted in logs and records
     * @param purpose   what the holder does, shown to waiters, e.g. {@code npm install}
     * @param timeout   longest wait; null for the configured default; {@link Duration#ZERO} waits forever
     * @param onTimeout what happens when the time runs out
     * @return a handle to close; {@link LockHandle#locked()} is false only after a timeout with
     *         {@link TimeoutPolicy#PROCEED}
     * @throws LockTimeoutException  the time ran out and the policy is {@link TimeoutPolicy#FAIL}
     * @throws InterruptedException  the thread was interrupted while waiting; it left the queue and holds nothing
     * @throws IOException           the backend failed (e.g. the lock directory is not writable)
     */
    public LockHandle acquire(String scope, String key, String purpose, Duration timeout, TimeoutPolicy onTimeout)
            throws IOException, InterruptedException {
        return acquire(LockId.of(scope, key), purpose, timeout, onTimeout);
    }

    /**
     * Takes the lock of {@code id}, as {@link #acquire(String, String, String, Duration, TimeoutPolicy)} does; the id
     * may be placed ({@link LockId#placed}): its lock then lives in the directory it names.
     */
    public LockHandle acquire(LockId id, String purpose, Duration timeout, TimeoutPolicy onTimeout)
            throws IOException, InterruptedException {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(onTimeout, "onTimeout");
        LockWaitEvent event = new LockWaitEvent();
        event.begin();
        Deadline deadline = Deadline.after(timeout == null ? defaultTimeout : timeout, System.nanoTime());
        KeyEntry entry = retain(id);
        statistics.waitStarted();
        Acquisition acquisition = new Acquisition(entry, purpose, deadline, onTimeout, event);
        try {
            return acquisition.run();
        } catch (Throwable t) {
            if (acquisition.outcome == null) {
                acquisition.outcome = t instanceof InterruptedException ? "interrupted" : "error";
            }
            throw t;
        } finally {
            statistics.waitEnded();
            acquisition.commitEvent();
        }
    }

    /** One call of acquire: the two stages, and what the wait event reports. */
    private final class Acquisition {
        final KeyEntry entry;
        final String purpose;
        final Deadline deadline;
        final TimeoutPolicy onTimeout;
        final LockWaitEvent event;
        String outcome;
        boolean contended;
        LockRecord holderSeen = LockRecord.UNKNOWN;
        long generation;
        /** Set when the backend stopped answering during the wait; null for a wait that ran out of time. */
        BackendUnavailableException unavailable;

        Acquisition(KeyEntry entry, String purpose, Deadline deadline, TimeoutPolicy onTimeout, LockWaitEvent event) {
            this.entry = entry;
            this.purpose = purpose;
            this.deadline = deadline;
            this.onTimeout = onTimeout;
            this.event = event;
        }

        LockHandle run() throws IOException, InterruptedException {
            boolean ownsEntryReference = true;
            try {
                if (entry.heldByCurrentThread()) {
                    entry.reenter();
                    ownsEntryReference = false; // The handle releases it.
                    outcome = "reentered";
                    generation = entry.hold.generation;
                    return new LockHandle(LockService.this, entry, entry.id, true, true, generation,
                            LockRecord.UNKNOWN, false, false);
                }
                // The record is read only when a wait begins: the "before" half of the double-check (see
                // LockHandle). An acquisition that never waits skips that read; nothing completed while it waited.
                LockRecord before = null;
                if (!entry.enterQueueNow()) {
                    before = entry.keyLock.peek();
                    contended(before, entry.queueLength() == 0);
                    if (!entry.enterQueue(deadline)) {
                        return gaveUp();
                    }
                }
                LockHandle handle;
                try {
                    handle = takeBackendLock(before);
                } catch (Throwable t) {
                    entry.leaveQueue();
                    throw t;
                }
                if (handle == null) {
                    entry.leaveQueue();
                    return gaveUp();
                }
                ownsEntryReference = false; // The handle releases it.
                return handle;
            } finally {
                if (ownsEntryReference) {
                    releaseReference(entry);
                }
            }
        }

        /**
         * Stage two, as the owner of this JVM's queue for the key; null when the time ran out or the backend stopped
         * answering ({@link #unavailable}).
         */
        private LockHandle takeBackendLock(LockRecord beforeQueueWait) throws IOException, InterruptedException {
            LockRecord before = beforeQueueWait;
            if (!entry.tryKernel()) {
                if (before == null) {
                    before = entry.keyLock.peek();
                    contended(before, true);
                }
                boolean acquired;
                try {
                    acquired = entry.awaitKernel(deadline, kernelWaiters(), () -> retainAgain(entry),
                            () -> releaseReference(entry));
                } catch (IOException e) {
                    unavailable = causeOfType(e, BackendUnavailableException.class);
                    if (unavailable == null) {
                        throw e;
                    }
                    return null;
                }
                if (!acquired) {
                    return null;
                }
            }
            LockRecord previous;
            try {
                previous = entry.keyLock.claim(Holder.now(purpose));
            } catch (IOException | RuntimeException e) {
                try {
                    entry.releaseKernel();
                } catch (IOException | RuntimeException releaseFailure) {
                    e.addSuppressed(releaseFailure);
                }
                throw e;
            }
            generation = Math.max(previous.generation(), 0) + 1;
            LockHoldEvent hold = new LockHoldEvent();
            hold.begin();
            entry.hold = new HoldState(generation, purpose, hold);
            statistics.holdStarted();
            outcome = "acquired";
            return new LockHandle(LockService.this, entry, entry.id, true, false, generation, previous,
                    before != null && previous.completedSince(before), contended);
        }

        /**
         * One info line per contended wait, so a slow start explains itself; threads that queue behind one already
         * waiting in this JVM log at debug, or a burst of threads on one key would flood the log.
         */
        private void contended(LockRecord holder, boolean firstWaiterHere) {
            contended = true;
            holderSeen = holder;
            String format = "waiting for the {} lock on {} (scope {}): held by {}";
            if (firstWaiterHere) {
                LOG.info(format, purpose, entry.id.redactedKey(), entry.id.scope(), holder.describeHolder());
            } else {
                LOG.debug(format, purpose, entry.id.redactedKey(), entry.id.scope(), holder.describeHolder());
            }
        }

        /**
         * The lock cannot be had: the time ran out, or the backend stopped answering during the wait. Either way the
         * caller's policy decides: go on without the lock, or fail naming the key and its holder.
         */
        private LockHandle gaveUp() throws LockTimeoutException {
            // A backend that stopped answering cannot say who holds the key now: name the holder seen at the start.
            LockRecord holder = unavailable == null ? entry.keyLock.peek() : holderSeen;
            String what = "the " + purpose + " lock on " + entry.id.redactedKey() + " (scope " + entry.id.scope()
                    + ", lock " + entry.keyLock.location() + ")";
            String kind = unavailable == null ? "timeout" : "unavailable";
            if (onTimeout == TimeoutPolicy.PROCEED) {
                outcome = kind + "-proceed";
                if (unavailable == null) {
                    LOG.warn("gave up waiting {} for {}, held by {}; proceeding without the lock", timeoutText(),
                            what, holder.describeHolder());
                } else {
                    LOG.warn("gave up waiting for {}, held by {}: {}; proceeding without the lock", what,
                            holder.describeHolder(), unavailable.getMessage());
                }
                return LockHandle.unlocked(entry.id);
            }
            outcome = kind + "-fail";
            if (unavailable == null) {
                throw new LockTimeoutException("timed out after " + timeoutText() + " waiting for " + what
                        + ", held by " + holder.describeHolder() + "; the lock was not taken (baton.lock.timeout"
                        + " sets the default wait, 0 waits forever)", holder);
            }
            LockTimeoutException failure = new LockTimeoutException("gave up waiting for " + what + ", held by "
                    + holder.describeHolder() + ": " + unavailable.getMessage() + "; the lock was not taken",
                    holder);
            failure.initCause(unavailable);
            throw failure;
        }

        private String timeoutText() {
            return ValueType.DURATION_TYPE.format(deadline.timeout());
        }

        void commitEvent() {
            event.end();
            if (event.shouldCommit()) {
                event.scope = entry.id.scope();
                event.key = entry.id.redactedKey();
                event.purpose = purpose;
                event.backend = backend.name();
                event.contended = contended;
                event.outcome = outcome;
                event.holderPid = holderSeen.pid();
                event.holderHost = holderSeen.host();
                event.generation = generation;
                event.commit();
            }
        }
    }

    /** The pool of kernel waiters; after close, one that refuses every wait, as the shut-down pool did. */
    private synchronized ThreadPoolExecutor kernelWaiters() {
        if (kernelWaiters == null) {
            kernelWaiters = KernelWaiters.create();
            if (closed) {
                kernelWaiters.shutdown();
            }
        }
        return kernelWaiters;
    }

    private static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    void markDone(KeyEntry entry, String detail) {
        try {
            entry.keyLock.markDone(detail);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not mark the lock of {} done at {}; the next holder will redo the work", entry.id,
                    entry.keyLock.location(), e);
        }
    }

    /** Called by a handle's close on the owning thread. */
    void release(KeyEntry entry) {
        try {
            if (entry.holdCount() == 1) {
                HoldState hold = entry.hold;
                entry.hold = null;
                try {
                    entry.releaseKernel();
                } catch (IOException | RuntimeException e) {
                    LOG.warn("could not release the lock of {} at {}", entry.id, entry.keyLock.location(), e);
                }
                statistics.holdEnded();
                commitHold(entry, hold);
            }
            entry.leaveQueue();
        } finally {
            releaseReference(entry);
        }
    }

    private void commitHold(KeyEntry entry, HoldState hold) {
        if (hold == null) {
            return;
        }
        LockHoldEvent event = hold.event;
        event.end();
        if (event.shouldCommit()) {
            event.scope = entry.id.scope();
            event.key = entry.id.redactedKey();
            event.purpose = hold.purpose;
            event.backend = backend.name();
            event.generation = hold.generation;
            event.commit();
        }
    }

    /**
     * Counts a user of the key's entry, opening the backend's lock if it is not open. Opening and closing happen inside
     * the map's per-key compute, so this JVM never has two descriptors of one lock file: closing the second would
     * drop the lock taken through the first.
     */
    private KeyEntry retain(LockId id) throws IOException {
        Retain retain = new Retain();
        KeyEntry entry = entries.compute(id, retain);
        if (entry == null) {
            throw retain.failure;
        }
        return entry;
    }

    /*
     * The map updates below are classes, not lambdas: they run in the first lock of every short-lived tool, where each
     * lambda is a class spun at run time (see docs/design.md, "Start-up cost").
     */

    /** retain's update: one more user, opening the key's lock for the first. */
    private final class Retain implements BiFunction<LockId, KeyEntry, KeyEntry> {
        IOException failure;

        @Override
        public KeyEntry apply(LockId key, KeyEntry existing) {
            if (existing != null) {
                existing.users++;
                return existing;
            }
            try {
                KeyEntry created = new KeyEntry(key, backend.open(key));
                created.users = 1;
                return created;
            } catch (IOException e) {
                failure = e;
                return null;
            }
        }
    }

    /** One more user of an entry the caller already uses (a pending kernel wait). */
    private void retainAgain(KeyEntry entry) {
        entries.compute(entry.id, (key, existing) -> {
            if (existing == entry) {
                existing.users++;
            }
            return existing;
        });
    }

    private void releaseReference(KeyEntry entry) {
        Release release = new Release(entry);
        entries.compute(entry.id, release);
        if (release.becameIdle && entry.id.placement() != null) {
            closeIdle(entry);
        } else if (release.becameIdle) {
            idle.add(entry);
            if (idleCount.incrementAndGet() > MAX_IDLE_KEYS) {
                closeOldestIdle();
            }
        }
    }

    /** releaseReference's update: one user less; the last one puts the entry in the idle queue. */
    private static final class Release implements BiFunction<LockId, KeyEntry, KeyEntry> {
        private final KeyEntry entry;
        boolean becameIdle;

        Release(KeyEntry entry) {
            this.entry = entry;
        }

        @Override
        public KeyEntry apply(LockId key, KeyEntry existing) {
            if (existing != entry) {
                return existing; // The service was closed and dropped the entry already.
            }
            if (--existing.users == 0 && !existing.inIdleQueue) {
                existing.inIdleQueue = true;
                becameIdle = true;
            }
            return existing;
        }
    }

    private void closeOldestIdle() {
        KeyEntry oldest = idle.poll();
        if (oldest == null) {
            return;
        }
        idleCount.decrementAndGet();
        closeIdle(oldest);
    }

    /**
     * Closes an entry nobody in this JVM uses (its backend may then remove the lock file). Placed keys are closed as
     * soon as they are idle: their lock files sit in the application's directories, not in Baton's.
     */
    private void closeIdle(KeyEntry idleEntry) {
        entries.compute(idleEntry.id, new CloseIdle(idleEntry));
    }

    /** closeIdle's update: closes and drops the entry unless it is in use again. */
    private static final class CloseIdle implements BiFunction<LockId, KeyEntry, KeyEntry> {
        private final KeyEntry idleEntry;

        CloseIdle(KeyEntry idleEntry) {
            this.idleEntry = idleEntry;
        }

        @Override
        public KeyEntry apply(LockId key, KeyEntry existing) {
            if (existing != idleEntry) {
                return existing;
            }
            existing.inIdleQueue = false;
            if (existing.users > 0) {
                return existing; // In use again: it re-enters the idle queue when released.
            }
            existing.closeQuietly();
            return null;
        }
    }

    /**
     * Closes the keys nobody in this JVM uses when the JVM exits, so that their lock files are removed (when no other
     * process uses them): a JVM leaves behind only the lock files of keys it still held. For the agent's service.
     */
    public void closeIdleKeysOnExit() {
        Thread hook = new Thread(new CloseIdleKeys(), "baton-lock-cleanup");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException alreadyExiting) {
            // Nothing to clean up after.
        }
    }

    private final class CloseIdleKeys implements Runnable {
        @Override
        public void run() {
            for (KeyEntry entry : new ArrayList<>(entries.values())) {
                closeIdle(entry);
            }
        }
    }

    /** Keys whose backend resource is open (in use or idle), for tests. */
    int openKeys() {
        return entries.size();
    }

    public LockStatistics statistics() {
        return statistics;
    }

    public String backendName() {
        return backend.name();
    }

    public LockBackend backend() {
        return backend;
    }

    /** Threads of this JVM queued for a key behind its holder (for tests and diagnostics). */
    int queueLength(String scope, String key) {
        KeyEntry entry = entries.get(LockId.of(scope, key));
        return entry == null ? 0 : entry.queueLength();
    }

    /** Whether a dedicated thread is blocked waiting for another process to release the key. */
    boolean waitingForOtherProcess(String scope, String key) {
        KeyEntry entry = entries.get(LockId.of(scope, key));
        return entry != null && entry.kernelWaitPending();
    }

    /**
     * Stops the service: closes every key's backend resource, which releases locks still held and ends pending
     * waits with an error. For tests and JVM shutdown; handles still open become useless.
     */
    @Override
    public void close() throws IOException {
        try {
            PeriodicEvents.remove(statisticsHook);
        } catch (Throwable t) {
            LOG.debug("removing the lock statistics hook failed", t);
        }
        synchronized (this) {
            closed = true;
            if (kernelWaiters != null) {
                kernelWaiters.shutdown();
            }
        }
        List<KeyEntry> open = new ArrayList<>(entries.values());
        for (KeyEntry entry : open) {
            entries.remove(entry.id, entry);
            entry.closeQuietly();
        }
        backend.close();
    }
}
