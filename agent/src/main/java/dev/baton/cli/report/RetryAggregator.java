package dev.baton.cli.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jdk.jfr.consumer.RecordedEvent;

/** Groups baton.Retry events by cause. */
final class RetryAggregator {
    private final Map<String, Accumulator> byCause = new LinkedHashMap<>();

    void add(RecordedEvent event) {
        Accumulator accumulator = byCause.computeIfAbsent(EventFields.text(event, "cause"), c -> new Accumulator());
        accumulator.retries++;
        String operation = EventFields.text(event, "operation");
        if (!operation.isEmpty()) {
            accumulator.operations.add(operation);
        }
        accumulator.backoff = accumulator.backoff.plus(EventFields.timespan(event, "backoff"));
    }

    List<RetryCause> result() {
        List<RetryCause> result = new ArrayList<>();
        byCause.forEach((cause, a) -> result.add(new RetryCause(cause, a.retries, a.operations, a.backoff)));
        result.sort(Comparator.comparingInt(RetryCause::retries).reversed().thenComparing(RetryCause::cause));
        return result;
    }

    private static final class Accumulator {
        final TreeSet<String> operations = new TreeSet<>();
        int retries;
        Duration backoff = Duration.ZERO;
    }
}
