package dev.baton.lock;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Who takes a lock: this process, for a purpose, from a moment on. Backends write it into their record. */
public record Holder(long pid, String host, String purpose, Instant since) {
    /** This process taking the lock now (to the millisecond: the time is for people reading logs). */
    static Holder now(String purpose) {
        return new Holder(ThisProcess.PID, ThisProcess.HOST, purpose, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }
}
