package dev.baton.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long and how often to retry: exponential backoff from {@code initialBackoff}, doubled per attempt up to
 * {@code maxBackoff}, with jitter, at most {@code maxAttempts} attempts, and no new attempt after {@code deadline}
 * (measured from the first attempt).
 *
 * <p>Jitter draws each pause uniformly from [half, full] of the exponential value: processes that failed together
 * must not retry together, or they collide again on every round.
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, Duration deadline, int maxAttempts) {
    public RetryPolicy {
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0 || deadline.isNegative()
                || maxAttempts < 1) {
            throw new IllegalArgumentException("invalid retry policy " + initialBackoff + "/" + maxBackoff + "/"
                    + deadline + "/" + maxAttempts);
        }
    }

    /** Only a deadline bounds the retries. */
    public static RetryPolicy untilDeadline(Duration initialBackoff, Duration maxBackoff, Duration deadline) {
        return new RetryPolicy(initialBackoff, maxBackoff, deadline, Integer.MAX_VALUE);
    }

    /** The pause after failed attempt number {@code attempt} (1-based), jitter included. */
    public long backoffNanos(int attempt) {
        long initial = initialBackoff.toNanos();
        long max = maxBackoff.toNanos();
        int doublings = Math.min(attempt - 1, 30);
        long exponential = initial << doublings;
        if (exponential <= 0 || exponential > max) {
            exponential = max;
        }
        long half = exponential / 2;
        return half + (half > 0 ? ThreadLocalRandom.current().nextLong(exponential - half + 1) : 0);
    }
}
