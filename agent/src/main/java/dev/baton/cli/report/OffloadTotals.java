package dev.baton.cli.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jdk.jfr.consumer.RecordedEvent;

/**
 * Blocking calls of virtual threads (baton.Offload), per database and per operation: how many, how many got a
 * carrier of their own (managed blocking), and their queue wait and run time. Every recorded call counts: the event's
 * duration includes the queue wait, so baton.jfc's threshold keeps every call that waited long.
 */
final class OffloadTotals {
    /** One database or one operation. */
    record Group(String name, int compensated, DurationStats queueWait, DurationStats runTime) {
    }

    private final Map<String, Calls> byDatabase = new TreeMap<>();
    private final Map<String, Calls> byOperation = new TreeMap<>();
    private final Calls all = new Calls();

    void add(RecordedEvent event) {
        Duration queueWait = EventFields.timespan(event, "queueWait");
        Duration runTime = EventFields.timespan(event, "runTime");
        boolean compensated = EventFields.flag(event, "compensated");
        byDatabase.computeIfAbsent(EventFields.text(event, "database"), k -> new Calls())
                .add(queueWait, runTime, compensated);
        byOperation.computeIfAbsent(EventFields.text(event, "operation"), k -> new Calls())
                .add(queueWait, runTime, compensated);
        all.add(queueWait, runTime, compensated);
    }

    List<Group> byDatabase() {
        return groups(byDatabase);
    }

    List<Group> byOperation() {
        return groups(byOperation);
    }

    DurationStats queueWait() {
        return DurationStats.of(all.queueWaits);
    }

    int compensated() {
        return all.compensated;
    }

    private static List<Group> groups(Map<String, Calls> calls) {
        List<Group> groups = new ArrayList<>();
        calls.forEach((name, c) -> groups.add(new Group(name, c.compensated, DurationStats.of(c.queueWaits),
                DurationStats.of(c.runTimes))));
        return groups;
    }

    private static final class Calls {
        private final List<Duration> queueWaits = new ArrayList<>();
        private final List<Duration> runTimes = new ArrayList<>();
        private int compensated;

        void add(Duration queueWait, Duration runTime, boolean wasCompensated) {
            queueWaits.add(queueWait);
            runTimes.add(runTime);
            if (wasCompensated) {
                compensated++;
            }
        }
    }
}
