package dev.baton.cli.report;

import static dev.baton.cli.report.KnownReport.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

class DurationStatsTest {
    @Test
    void nearestRankPercentilesOfOneToHundred() {
        List<Duration> values = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            values.add(ms(i));
        }
        Collections.shuffle(values, new java.util.Random(8));
        assertEquals(new DurationStats(100, ms(5050), ms(50), ms(99), ms(100)), DurationStats.of(values));
    }

    @Test
    void p99OfFewValuesIsTheMaximum() {
        // ceil(0.99 * 10) = rank 10: with fewer than 100 waits the p99 is the worst one.
        List<Duration> values = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            values.add(ms(i));
        }
        DurationStats stats = DurationStats.of(values);
        assertEquals(ms(10), stats.p99());
        assertEquals(ms(5), stats.p50());
    }

    @Test
    void singleValueIsEveryPercentile() {
        assertEquals(new DurationStats(1, ms(7), ms(7), ms(7), ms(7)), DurationStats.of(List.of(ms(7))));
    }

    @Test
    void noValues() {
        assertEquals(DurationStats.EMPTY, DurationStats.of(List.of()));
    }
}
