package dev.baton.retry;

/**
 * What a {@link Retrier#run} did, for callers that report it (e.g. a domain-specific JFR event): attempts made and
 * time spent from the first failure to the end. Filled in even when the run ends with an exception.
 */
public final class RetryStats {
    int attempts;
    long firstFailureNanos;
    long endNanos;

    public int attempts() {
        return attempts;
    }

    /** True when at least one attempt failed with a retryable failure. */
    public boolean sawFailure() {
        return firstFailureNanos != 0;
    }

    /** Nanoseconds from the first retryable failure to the end; 0 when the first attempt succeeded. */
    public long waitedNanos() {
        return firstFailureNanos == 0 ? 0 : endNanos - firstFailureNanos;
    }
}
