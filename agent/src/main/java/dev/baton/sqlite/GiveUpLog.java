package dev.baton.sqlite;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import dev.baton.log.BatonLog;

import dev.baton.lock.ThisProcess;

/**
 * The one line a writer that gave up leaves in the log: which database, how long it waited, what its busy timeout
 * was, and who holds Baton's write queue. At most one line per database per second, so a storm of failures does
 * not flood the log; the next line says how many were not reported.
 */
final class GiveUpLog {
    private static final Logger LOG = BatonLog.get();
    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    /**
     * @param queue the database's writer queue, null when Baton does not queue its writers
     * @param place the writer's place in it, null when it had none (it gave up waiting, or it does not write)
     */
    void gaveUp(Object db, Budget budget, WriterQueue queue, WriterQueue.Permit place) {
        String database = DriverAccess.databaseName(db);
        Window window = windows.computeIfAbsent(database, d -> new Window());
        int unreported = window.admit(System.nanoTime());
        if (unreported < 0) {
            return;
        }
        LOG.warn("SQLite stayed busy: gave up on {} after waiting {} ms (the connection's busy timeout is {} ms); {}{}",
                database, TimeUnit.NANOSECONDS.toMillis(budget.elapsedNanos()), budget.busyTimeoutMillis(),
                holder(queue, place), unreported == 0 ? "" : " (" + unreported + " more gave up since the last report)");
    }

    private static String holder(WriterQueue queue, WriterQueue.Permit place) {
        if (queue == null) {
            return "Baton's write queue is not used for this database";
        }
        if (place != null && place.hasTurn) {
            return "this writer had Baton's write queue, so SQLite's lock is held outside it (a process without"
                    + " Baton, a connection that did not wait for the queue, or readers a commit waits for)";
        }
        if (queue.turnHeldHere()) {
            // Another writer of this JVM: the one this writer waited for at the gate until its budget ran out.
            return "Baton's write queue is held by another writer of this process, "
                    + new TurnHolder(ThisProcess.PID, ThisProcess.HOST);
        }
        TurnHolder last = queue.lastHolder();
        return last == null ? "no Baton process has taken its write queue"
                : "Baton's write queue was last taken by " + last;
    }

    /** One report per second per database; failures in between are counted. */
    private static final class Window {
        private long lastReport;
        private boolean reported;
        private final AtomicInteger suppressed = new AtomicInteger();

        /** The number of failures not reported since the last line, or -1 when this one must stay quiet. */
        synchronized int admit(long now) {
            if (reported && now - lastReport < QUIET_NANOS) {
                suppressed.incrementAndGet();
                return -1;
            }
            reported = true;
            lastReport = now;
            return suppressed.getAndSet(0);
        }
    }
}
