package dev.baton.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Rule locks are grouped by rule, whatever their keys. */
class ReportTablesTest {
    private static KeyContention waits(String scope, String key, long... millis) {
        List<Duration> durations = java.util.Arrays.stream(millis).mapToObj(Duration::ofMillis).toList();
        return new KeyContention(scope, key, DurationStats.of(durations), durations.size(), List.of());
    }

    @Test
    void lockWaitsAreGroupedByRuleOrFeature() {
        Table byScope = ReportTables.byScope(List.of(waits("rule:tools", "lib/a.jar", 10, 30),
                waits("rule:tools", "lib/b.jar", 5), waits("download", "/cache/x", 7)));
        assertEquals("Lock waits by rule or feature", byScope.title());
        assertEquals(List.of(List.of("download", "1", "1", "100%", "7.00 ms", "7.00 ms"),
                List.of("rule:tools", "2", "3", "100%", "45.00 ms", "30.00 ms")), byScope.rows());
    }
}
