package dev.baton.lock;

import java.util.concurrent.atomic.AtomicInteger;

import dev.baton.jfr.LockStatisticsEvent;

/** Utilisation an operator wants to see (keys held, threads waiting), also emitted as periodic JFR events. */
public final class LockStatistics {
    private final String backend;
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger waiting = new AtomicInteger();

    LockStatistics(String backend) {
        this.backend = backend;
    }

    /** Keys this JVM holds (a reentered key counts once). */
    public int held() {
        return held.get();
    }

    /** Threads of this JVM inside acquire that do not hold their key yet. */
    public int waiting() {
        return waiting.get();
    }

    void waitStarted() {
        waiting.incrementAndGet();
    }

    void waitEnded() {
        waiting.decrementAndGet();
    }

    void holdStarted() {
        held.incrementAndGet();
    }

    void holdEnded() {
        held.decrementAndGet();
    }

    /** The periodic JFR hook. */
    void emit() {
        LockStatisticsEvent event = new LockStatisticsEvent();
        event.backend = backend;
        event.held = held();
        event.waiting = waiting();
        event.commit();
    }
}
