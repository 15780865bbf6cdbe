package dev.baton.cli.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Count, total, median, 99th percentile and maximum of a set of durations.
 *
 * <p>Percentiles use the nearest-rank definition (the smallest recorded value with at least p% of values at or
 * below it), so every reported percentile is a wait that really happened, never an interpolation between two.
 */
public record DurationStats(int count, Duration total, Duration p50, Duration p99, Duration max) {
    public static final DurationStats EMPTY = new DurationStats(0, Duration.ZERO, Duration.ZERO, Duration.ZERO,
            Duration.ZERO);

    public static DurationStats of(List<Duration> values) {
        if (values.isEmpty()) {
            return EMPTY;
        }
        List<Duration> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        Duration total = Duration.ZERO;
        for (Duration value : sorted) {
            total = total.plus(value);
        }
        return new DurationStats(sorted.size(), total, nearestRank(sorted, 50), nearestRank(sorted, 99),
                sorted.get(sorted.size() - 1));
    }

    private static Duration nearestRank(List<Duration> sorted, int percent) {
        // ceil(p/100 * n) computed in integers so that 99% of 100 values is exactly rank 99.
        int rank = (percent * sorted.size() + 99) / 100;
        return sorted.get(Math.max(rank, 1) - 1);
    }
}
