package dev.baton.lock;

import java.time.Duration;

/** When a wait gives up, on the monotonic clock; a zero timeout means never. */
final class Deadline {
    private final Duration timeout;
    private final long deadlineNanos;

    private Deadline(Duration timeout, long startNanos) {
        this.timeout = timeout;
        this.deadlineNanos = timeout.isZero() ? Long.MAX_VALUE : startNanos + saturatedNanos(timeout);
    }

    static Deadline after(Duration timeout, long startNanos) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative lock timeout " + timeout);
        }
        return new Deadline(timeout, startNanos);
    }

    private static long saturatedNanos(Duration timeout) {
        try {
            return Math.min(timeout.toNanos(), Long.MAX_VALUE / 4);
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 4;
        }
    }

    boolean forever() {
        return timeout.isZero();
    }

    long remainingNanos() {
        return forever() ? Long.MAX_VALUE : deadlineNanos - System.nanoTime();
    }

    Duration timeout() {
        return timeout;
    }
}
