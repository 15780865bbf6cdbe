package dev.baton.cli.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jdk.jfr.consumer.RecordedEvent;

/**
 * baton.SqliteWait events per database: write transactions that waited for the write lock before they began. These
 * are the waits SQLite absorbed (no BUSY answer) because Baton began the transaction IMMEDIATE and queued it, where
 * without Baton a read-then-write transaction could have failed with SQLITE_BUSY halfway.
 */
public final class SqliteWaitTotals {
    /** Waits on one database file. */
    public record Database(String database, DurationStats waits, Duration queued, int busy) {
    }

    private final Map<String, List<Duration>> waits = new TreeMap<>();
    private final Map<String, Duration> queued = new TreeMap<>();
    private final Map<String, Integer> busy = new TreeMap<>();

    void add(RecordedEvent event) {
        String database = EventFields.text(event, "database");
        waits.computeIfAbsent(database, d -> new ArrayList<>()).add(event.getDuration());
        queued.merge(database, EventFields.timespan(event, "queued"), Duration::plus);
        if (EventFields.text(event, "outcome").equals("busy")) {
            busy.merge(database, 1, Integer::sum);
        }
    }

    /** Databases with the most total wait first. */
    public List<Database> databases() {
        List<Database> result = new ArrayList<>();
        waits.forEach((database, durations) -> result.add(new Database(database, DurationStats.of(durations),
                queued.get(database), busy.getOrDefault(database, 0))));
        result.sort((a, b) -> b.waits().total().compareTo(a.waits().total()));
        return result;
    }

    public DurationStats all() {
        List<Duration> all = new ArrayList<>();
        waits.values().forEach(all::addAll);
        return DurationStats.of(all);
    }

    public int busy() {
        return busy.values().stream().mapToInt(Integer::intValue).sum();
    }
}
