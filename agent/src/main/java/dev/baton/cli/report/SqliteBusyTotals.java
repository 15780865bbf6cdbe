package dev.baton.cli.report;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import jdk.jfr.consumer.RecordedEvent;

/** Totals of baton.SqliteBusy events: how often SQLite answered BUSY and what retrying it cost. */
public final class SqliteBusyTotals {
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private int events;
    private long attempts;
    private Duration waited = Duration.ZERO;
    private Duration maxWaited = Duration.ZERO;

    void add(RecordedEvent event) {
        events++;
        attempts += EventFields.number(event, "attempts");
        Duration wait = EventFields.timespan(event, "waited");
        waited = waited.plus(wait);
        if (wait.compareTo(maxWaited) > 0) {
            maxWaited = wait;
        }
        String outcome = EventFields.text(event, "outcome");
        outcomes.merge(outcome.isEmpty() ? "?" : outcome, 1, Integer::sum);
    }

    public int events() {
        return events;
    }

    public long attempts() {
        return attempts;
    }

    public Duration waited() {
        return waited;
    }

    public Duration maxWaited() {
        return maxWaited;
    }

    /** Outcome name to count, sorted by name. */
    public Map<String, Integer> outcomes() {
        return outcomes;
    }
}
