package dev.baton.lock;

import java.time.Instant;

/** Who takes a lock: this process, for a purpose, from a moment on. Backends write it into their record. */
public record Holder(long pid, String host, String purpose, Instant since) {
    /** This process taking the lock now. */
    static Holder now(String purpose) {
        return new Holder(ThisProcess.PID, ThisProcess.HOST, purpose, Instant.now());
    }
}
