package dev.baton.download;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.baton.jfr.RetryEvent;

/**
 * Attempts a download Baton owns (it has the URL or the HttpRequest, so it can ask again): exponential backoff with
 * full jitter, bounded by attempts and by a deadline after which no new attempt starts. Caller-supplied streams are
 * never retried: their bytes are gone.
 */
final class DownloadRetry {
    private static final long BASE_MILLIS = 200;
    private static final long CAP_MILLIS = 10_000;

    private final int maxAttempts;
    private final Duration deadline;

    DownloadRetry(int maxAttempts, Duration deadline) {
        this.maxAttempts = maxAttempts;
        this.deadline = deadline;
    }

    /** Attempt counter visible to the caller for the Download event. */
    static final class Attempts {
        int count;
    }

    <T> T run(String target, Attempts attempts, Attempt<T> attempt) throws Throwable {
        long deadlineNanos = System.nanoTime() + deadline.toNanos();
        while (true) {
            attempts.count++;
            try {
                return attempt.run();
            } catch (Throwable failure) {
                long backoff = backoffMillis(attempts.count);
                boolean timeLeft = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff) < deadlineNanos;
                if (!RetriableFailure.isRetriable(failure) && !(failure instanceof RetriableFailure.BadStatus)
                        || attempts.count >= maxAttempts || !timeLeft) {
                    throw failure;
                }
                record(target, failure, attempts.count, backoff);
                TimeUnit.MILLISECONDS.sleep(backoff);
            }
        }
    }

    /** Full jitter: uniformly random up to the exponential bound, so peers that failed together spread out. */
    private static long backoffMillis(int attempt) {
        long bound = Math.min(CAP_MILLIS, BASE_MILLIS << Math.min(20, attempt - 1));
        return ThreadLocalRandom.current().nextLong(bound / 2, bound + 1);
    }

    private static void record(String target, Throwable failure, int attempt, long backoffMillis) {
        RetryEvent event = new RetryEvent();
        if (event.shouldCommit()) {
            event.operation = "download";
            event.target = target;
            event.cause = RetriableFailure.describe(failure);
            event.attempt = attempt;
            event.backoff = TimeUnit.MILLISECONDS.toNanos(backoffMillis);
            event.commit();
        }
    }

    @FunctionalInterface
    interface Attempt<T> {
        T run() throws Throwable;
    }
}
