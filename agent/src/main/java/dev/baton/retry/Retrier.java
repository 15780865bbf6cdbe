package dev.baton.retry;

import java.util.function.Predicate;

import dev.baton.jfr.RetryEvent;

/**
 * Runs an operation until it succeeds, fails with a non-retryable failure, or the policy says stop. Knows nothing
 * about what it retries: the caller decides which failures are transient and whether retrying is safe at all.
 *
 * <p>Each failed attempt that is followed by another records a {@code baton.Retry} event. The last failure is
 * rethrown as is (the same object), so callers see the operation's own exception, never a wrapper.
 */
public final class Retrier {
    private Retrier() {
    }

    public static <T> T run(RetryPolicy policy, String operation, String target, Predicate<Throwable> retryable,
            Attempt<T> attempt, RetryStats stats) throws Throwable {
        long start = System.nanoTime();
        long deadline = start + policy.deadline().toNanos();
        for (int number = 1;; number++) {
            stats.attempts = number;
            try {
                T result = attempt.run();
                stats.endNanos = System.nanoTime();
                return result;
            } catch (Throwable failure) {
                long now = System.nanoTime();
                stats.endNanos = now;
                if (!retryable.test(failure)) {
                    throw failure;
                }
                if (stats.firstFailureNanos == 0) {
                    stats.firstFailureNanos = now;
                }
                long backoff = Math.min(policy.backoffNanos(number), Math.max(0, deadline - now));
                if (number >= policy.maxAttempts() || now - deadline >= 0 || !pause(backoff)) {
                    throw failure;
                }
                record(operation, target, failure, number, backoff);
            }
        }
    }

    /** False when interrupted: the caller's thread wants to stop, so Baton stops retrying (flag kept). */
    private static boolean pause(long nanos) {
        if (nanos <= 0) {
            return !Thread.currentThread().isInterrupted();
        }
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void record(String operation, String target, Throwable cause, int attempt, long backoff) {
        RetryEvent event = new RetryEvent();
        if (event.isEnabled()) {
            event.operation = operation;
            event.target = target;
            event.cause = cause.getClass().getName() + ": " + cause.getMessage();
            event.attempt = attempt;
            event.backoff = backoff;
            event.commit();
        }
    }
}
