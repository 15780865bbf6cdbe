package dev.baton.cli.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jdk.jfr.consumer.RecordedEvent;

/** Queue wait and run time of offloaded calls (baton.Offload). */
final class OffloadTotals {
    private final List<Duration> queueWaits = new ArrayList<>();
    private final List<Duration> runTimes = new ArrayList<>();

    void add(RecordedEvent event) {
        queueWaits.add(EventFields.timespan(event, "queueWait"));
        runTimes.add(EventFields.timespan(event, "runTime"));
    }

    DurationStats queueWait() {
        return DurationStats.of(queueWaits);
    }

    DurationStats runTime() {
        return DurationStats.of(runTimes);
    }
}
