package dev.baton.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RetrierTest {
    private static final RetryPolicy QUICK = new RetryPolicy(Duration.ZERO, Duration.ZERO, Duration.ofMinutes(1), 5);

    @Test
    void retriesTransientFailuresUntilSuccess() throws Throwable {
        int[] calls = {0};
        RetryStats stats = new RetryStats();
        String result = Retrier.run(QUICK, "test", "t", IOException.class::isInstance, () -> {
            if (++calls[0] < 3) {
                throw new IOException("transient");
            }
            return "done";
        }, stats);
        assertEquals("done", result);
        assertEquals(3, stats.attempts());
        assertTrue(stats.sawFailure());
    }

    @Test
    void nonRetryableFailurePassesAtOnceAsTheSameObject() {
        IllegalStateException failure = new IllegalStateException("permanent");
        RetryStats stats = new RetryStats();
        Throwable thrown = assertThrows(IllegalStateException.class,
                () -> Retrier.run(QUICK, "test", "t", IOException.class::isInstance, () -> {
                    throw failure;
                }, stats));
        assertSame(failure, thrown);
        assertEquals(1, stats.attempts());
    }

    @Test
    void stopsAfterMaxAttemptsWithTheLastFailure() {
        List<IOException> failures = new ArrayList<>();
        Throwable thrown = assertThrows(IOException.class,
                () -> Retrier.run(QUICK, "test", "t", IOException.class::isInstance, () -> {
                    IOException e = new IOException("#" + failures.size());
                    failures.add(e);
                    throw e;
                }, new RetryStats()));
        assertEquals(5, failures.size());
        assertSame(failures.get(4), thrown);
    }

    @Test
    void stopsAtTheDeadline() {
        RetryPolicy none = new RetryPolicy(Duration.ZERO, Duration.ZERO, Duration.ZERO, Integer.MAX_VALUE);
        RetryStats stats = new RetryStats();
        assertThrows(IOException.class, () -> Retrier.run(none, "test", "t", IOException.class::isInstance, () -> {
            throw new IOException("busy");
        }, stats));
        assertEquals(1, stats.attempts());
    }

    @Test
    void backoffGrowsExponentiallyWithJitterAndIsCapped() {
        RetryPolicy policy = new RetryPolicy(Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofMinutes(1), 10);
        for (int i = 0; i < 100; i++) {
            long first = policy.backoffNanos(1);
            long third = policy.backoffNanos(3);
            long tenth = policy.backoffNanos(10);
            assertTrue(first >= 5_000_000 && first <= 10_000_000, "" + first);
            assertTrue(third >= 20_000_000 && third <= 40_000_000, "" + third);
            assertTrue(tenth >= 50_000_000 && tenth <= 100_000_000, "" + tenth);
        }
    }
}
