package dev.baton.sqlite;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.baton.jfr.LockWaitEvent;
import dev.baton.lock.ThisProcess;

/**
 * The writers of one database file. Inside this JVM they queue on a {@link WriterGate}; the writer holding
 * the gate takes this process's turn among all Baton processes ({@link ProcessTurn}); then it asks SQLite for the
 * write lock, which stays the authority. Without the queue every waiting connection polls SQLite's lock in the busy
 * handler, sleeping up to 100 ms between polls, so the lock sits free while everybody sleeps; with it each writer
 * starts the moment the previous one is done.
 *
 * <p>When the turn changes hands: a process keeps it for its own writers for up to {@link #SLICE_NANOS}; then, if
 * another process waits, it is handed over when the current writer is done, and this process waits
 * {@link #YIELD_NANOS} before asking again, so the process the kernel woke gets it (the running releaser would
 * otherwise win the race back). Within the slice, when the last queued writer of this process is done, the turn stays
 * for {@link #LINGER_NANOS} more: the thread that just committed is usually running and begins its next transaction
 * within microseconds, while a change of turn costs two wake-ups (the other process's waiter thread, then its writer:
 * 0.1-0.3 ms on a busy machine) against 0.05-0.1 ms for a commit in WAL mode. Handing over whenever no writer of this
 * process happened to be queued at that instant (16 threads on 2 cores: almost every commit) made 4 processes reach
 * a quarter of one writer's throughput. If no writer comes, the {@link TurnKeeper} gives the turn back when the
 * linger ends. A process lingers only while its writers come back soon: when the writer after the last one came
 * later than a linger (a read-mostly application writing now and then), the turn goes back at once, since a linger
 * would only keep the other processes waiting. Another process waits for the turn at most a slice for each process
 * ahead of it, plus a linger and the transaction under way.
 *
 * <p>Every wait is bounded by the writer's {@link Budget} (the application's busy timeout): a writer that runs out
 * goes ahead without its place, and SQLite decides, exactly as without Baton. So the queue can reorder writers and
 * make them wait, never longer than they allowed, and never makes one fail that SQLite would have let through.
 * A place belongs to a transaction, not a thread: JDBC connections move between threads (pools, offloading), so
 * nothing here is owned by a thread.
 */
final class WriterQueue {
    /**
     * Long enough that changes of turn are a small part of it: a change (the other process's waiter thread wakes up,
     * then its writer) left SQLite's lock idle 0.2-0.3 ms in the median and several ms at the 99th percentile, 4 x 4
     * on 2 cores, and with 4 ms slices the changes cost 4 processes x 4 threads 6-15% of their throughput in WAL and
     * 2-15% in DELETE mode (paired runs, docs/sqlite.md). The price is fairness: a process waits at most a slice for
     * each process ahead of it, far inside the usual busy timeouts of seconds; a shorter budget still ends the wait.
     */
    static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(16);
    static final long YIELD_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
    static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final String database;
    private final WriterGate gate = new WriterGate();
    private final ProcessTurn turn;
    /** When this process's current turn began; guarded by the gate. */
    private long sliceStart;
    /** Until when this process lets another one take the turn it just handed over; guarded by the gate. */
    private long yieldUntil;
    /**
     * The turn is kept for the next writer of this process until {@link #lingerUntil} (also while that writer runs:
     * its leave moves the end); the keeper watches. Written with the gate held; read by the keeper without it.
     */
    private volatile boolean lingering;
    /** Read by the keeper without the gate, to know how long to sleep. */
    private volatile long lingerUntil;
    /** When the last writer left with no other writer of this process queued; guarded by the gate. */
    private long lastLeftAt;
    /** The writer that came after it came within {@link #LINGER_NANOS}: lingering pays; guarded by the gate. */
    private boolean writersComeBackSoon;

    private final long lingerNanos;

    WriterQueue(String database, ProcessTurn turn) {
        this(database, turn, LINGER_NANOS);
    }

    /** For tests: a linger long enough that a test's next writer surely comes within it. */
    WriterQueue(String database, ProcessTurn turn, long lingerNanos) {
        this.database = database;
        this.turn = turn;
        this.lingerNanos = lingerNanos;
    }

    /** A transaction's place in the queue, from its first write to its end. */
    static final class Permit {
        final WriterQueue queue;
        final boolean hasTurn;

        Permit(WriterQueue queue, boolean hasTurn) {
            this.queue = queue;
            this.hasTurn = hasTurn;
        }

        void leave() {
            queue.leave(this);
        }
    }

    /**
     * Waits for this JVM's gate and this process's turn, within the budget. Null when the gate could not be had in
     * time (or waiting is not allowed): the writer goes ahead without a place. A permit may come without the turn
     * (another process held it past the budget, or there is no queue file): this JVM's writers are still ordered.
     */
    Permit enter(Budget budget) {
        QueueWait wait = null;
        if (!tryGate()) {
            wait = new QueueWait();
            if (!budget.allowsWaiting() || !awaitGate(budget)) {
                wait.end(false);
                return null;
            }
        }
        boolean hasTurn = takeTurn(budget, wait);
        if (wait != null) {
            wait.end(true);
        }
        return new Permit(this, hasTurn);
    }

    /** For a transaction that read first and now writes: a place only if one is free now (see ImmediateBegin). */
    Permit enterIfFree() {
        if (!tryGate()) {
            return null;
        }
        boolean kept = turn != null && turn.held();
        boolean hasTurn = kept || (turn != null && turn.tryTake());
        if (!kept && hasTurn) {
            sliceStart = System.nanoTime();
        }
        return new Permit(this, hasTurn);
    }

    private boolean tryGate() {
        return gate.enterNow();
    }

    private boolean awaitGate(Budget budget) {
        try {
            return gate.enter(budget.remainingNanos()) || tryGate();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** With the gate held. */
    private boolean takeTurn(Budget budget, QueueWait gateWait) {
        if (turn == null) {
            return false;
        }
        writersComeBackSoon = System.nanoTime() - lastLeftAt < lingerNanos;
        if (turn.held()) {
            // Kept for this writer by the previous one. The keeper stays armed: waking it at every commit would
            // cost what the linger saves; while this writer has the gate it cannot give the turn back anyway.
            return true;
        }
        long yieldLeft = yieldUntil - System.nanoTime();
        if (yieldLeft > 0 && budget.allowsWaiting()) {
            pause(Math.min(yieldLeft, budget.remainingNanos()));
        }
        if (turn.tryTake()) {
            sliceStart = System.nanoTime();
            return true;
        }
        if (!budget.allowsWaiting()) {
            return false;
        }
        QueueWait wait = gateWait != null ? gateWait : new QueueWait();
        wait.holder = turn.lastHolder();
        boolean taken = turn.await(budget.deadlineNanos());
        if (taken) {
            sliceStart = System.nanoTime();
        }
        if (gateWait == null) {
            wait.end(taken);
        }
        return taken;
    }

    private static void pause(long nanos) {
        long until = System.nanoTime() + nanos;
        for (long left = nanos; left > 0 && !Thread.currentThread().isInterrupted(); left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private void leave(Permit permit) {
        if (permit.hasTurn) {
            handOverOrKeep();
        }
        gate.leave();
    }

    /** With the gate held, by a writer that has the turn and is done. */
    private void handOverOrKeep() {
        long now = System.nanoTime();
        if (now - sliceStart >= SLICE_NANOS) {
            if (turn.othersWaiting()) {
                yieldUntil = now + YIELD_NANOS;
                lingering = false;
                turn.release();
                return;
            }
            sliceStart = now; // Nobody else wants it: a new slice.
        }
        if (!gate.hasQueuedThreads()) {
            lastLeftAt = now;
            if (!writersComeBackSoon) {
                // The next writer of this process came late last time (a read-mostly application): lingering would
                // only keep the other processes waiting.
                lingering = false;
                turn.release();
                return;
            }
        }
        // Kept for the writer of this process queued at the gate (it may give up before it gets there), or for one
        // that comes within the linger; if none uses it, the keeper gives it back.
        lingerUntil = now + lingerNanos;
        if (!lingering) {
            lingering = true;
            TurnKeeper.INSTANCE.watch(this);
        }
    }

    /**
     * For the {@link TurnKeeper}: gives the turn back if this process kept it for a writer that did not come.
     * Returns how long to sleep before asking again: {@code Long.MAX_VALUE} when nothing lingers.
     */
    long endLingerIfDue(long now) {
        if (!lingering) {
            return Long.MAX_VALUE;
        }
        long left = lingerUntil - now;
        if (left > 0) {
            return left;
        }
        if (!gate.enterNow()) {
            return lingerNanos; // A writer has the gate: its leave moves the end or hands the turn over.
        }
        try {
            if (!lingering) {
                return Long.MAX_VALUE;
            }
            left = lingerUntil - System.nanoTime();
            if (left > 0) {
                return left;
            }
            lingering = false;
            turn.release();
            return Long.MAX_VALUE;
        } finally {
            gate.leave();
        }
    }

    /** Who took the turn last, for a writer that gives up; null when there is no queue file or it says nothing. */
    TurnHolder lastHolder() {
        return turn == null ? null : turn.lastHolder();
    }

    /** Whether this process holds the turn now (then SQLite's lock is held by a writer outside Baton's queue). */
    boolean turnHeldHere() {
        return turn != null && turn.held();
    }

    /** Writers of this JVM waiting for the gate (for tests). */
    int queuedWriters() {
        return gate.getQueueLength();
    }

    boolean closeIfIdle() {
        return turn != null && gate.free() && !gate.hasQueuedThreads() && turn.closeIfIdle();
    }

    /** A contended wait, recorded as {@code baton.LockWait} with scope sqlite. */
    private final class QueueWait {
        final LockWaitEvent event = new LockWaitEvent();
        /** The process that held the turn when this one began waiting for it; null: a writer of this JVM. */
        TurnHolder holder;

        QueueWait() {
            event.begin();
        }

        void end(boolean placed) {
            event.end();
            if (event.shouldCommit()) {
                event.scope = "sqlite";
                event.key = database;
                event.purpose = "write";
                event.backend = "file";
                event.contended = true;
                event.outcome = placed ? "acquired" : "timeout-proceed";
                TurnHolder shown = holder != null ? holder : new TurnHolder(ThisProcess.PID, ThisProcess.HOST);
                event.holderPid = shown.pid();
                event.holderHost = shown.host();
                event.commit();
            }
        }
    }
}
