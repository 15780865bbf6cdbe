package dev.baton.sqlite;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import dev.baton.log.BatonLog;

/**
 * Gives back the turns that processes keep for a moment after their last writer left ({@link WriterQueue#LINGER_NANOS}):
 * one daemon thread per JVM, started when first needed, that sleeps until the earliest linger ends and then asks the
 * queue to let its turn go if no writer of this process came meanwhile. fcntl locks belong to the process, so any
 * thread may release the turn.
 *
 * <p>Why a thread and not the writers themselves: a lingering turn is there for a writer that has not arrived yet;
 * if none arrives, nobody of this process runs Baton's code any more, and other processes wait for the turn. The
 * keeper is woken once when a queue starts lingering; while writers keep coming, each one only moves the linger's
 * end, and the keeper, when it wakes, sleeps again until that end: about one wake-up per linger, not per commit.
 */
final class TurnKeeper {
    private static final Logger LOG = BatonLog.get();
    static final TurnKeeper INSTANCE = new TurnKeeper();

    private final Set<WriterQueue> queues = ConcurrentHashMap.newKeySet();
    private volatile Thread thread;

    private TurnKeeper() {
    }

    /**
     * {@code queue} keeps its turn until its linger ends; called with the queue's gate held, when it starts lingering.
     * A queue stays known to the keeper (queues live as long as the JVM, one per database file).
     */
    void watch(WriterQueue queue) {
        queues.add(queue);
        Thread current = thread;
        if (current == null) {
            current = start();
        }
        LockSupport.unpark(current);
    }

    private synchronized Thread start() {
        if (thread == null) {
            Thread started = new Thread(null, this::run, "baton-sqlite-turn-keeper", 0, false);
            started.setDaemon(true);
            started.start();
            thread = started;
        }
        return thread;
    }

    private void run() {
        while (true) {
            long now = System.nanoTime();
            long sleep = Long.MAX_VALUE;
            for (WriterQueue queue : queues) {
                try {
                    sleep = Math.min(sleep, queue.endLingerIfDue(now));
                } catch (RuntimeException e) {
                    // Never leave a turn held for good: the queue's next writer or leave tries again.
                    LOG.debug("giving back the write turn of {} failed: {}", queue, e.toString());
                }
            }
            if (sleep == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, sleep);
            }
        }
    }
}
