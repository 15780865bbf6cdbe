package dev.baton.download;

import java.time.Duration;

import dev.baton.retry.Attempt;
import dev.baton.retry.Retrier;
import dev.baton.retry.RetryPolicy;
import dev.baton.retry.RetryStats;

/**
 * Retries a download Baton owns (it has the URL or the HttpRequest, so it can ask again) on transient network
 * failures, 5xx and 429, through the shared {@link Retrier}. Caller-supplied streams are never retried: their bytes
 * are gone.
 */
final class DownloadRetry {
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final RetryPolicy policy;

    DownloadRetry(int maxAttempts, Duration deadline) {
        this.policy = new RetryPolicy(FIRST_BACKOFF, MAX_BACKOFF, deadline, maxAttempts);
    }

    <T> T run(String target, RetryStats stats, Attempt<T> attempt) throws Throwable {
        return Retrier.run(policy, "download", target,
                RetriableFailure::isRetriable,
                attempt, stats);
    }
}
