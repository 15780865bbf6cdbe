package dev.baton.cli.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;

/** Groups baton.LockWait events by scope and key. */
final class ContentionAggregator {
    static final int TOP_HOLDERS = 3;

    private final Map<List<String>, Waits> byKey = new LinkedHashMap<>();

    void add(RecordedEvent event) {
        String scope = EventFields.text(event, "scope");
        String key = EventFields.text(event, "key");
        Waits waits = byKey.computeIfAbsent(List.of(scope, key), k -> new Waits());
        waits.durations.add(event.getDuration());
        if (EventFields.flag(event, "contended")) {
            waits.contended++;
            String holder = holder(event);
            if (holder != null) {
                waits.holders.merge(holder, 1, Integer::sum);
            }
        }
    }

    /** Keys with the most total wait first: that is where sharing costs the most time. */
    List<KeyContention> result() {
        List<KeyContention> result = new ArrayList<>();
        byKey.forEach((scopeAndKey, waits) -> result.add(new KeyContention(scopeAndKey.get(0), scopeAndKey.get(1),
                DurationStats.of(waits.durations), waits.contended, waits.topHolders())));
        result.sort(Comparator.comparing((KeyContention c) -> c.waits().total()).reversed()
                .thenComparing(KeyContention::scope).thenComparing(KeyContention::key));
        return result;
    }

    /** pid@host, or null when the lock backend could not tell who held the lock. */
    private static String holder(RecordedEvent event) {
        long pid = EventFields.number(event, "holderPid");
        String host = EventFields.text(event, "holderHost");
        if (pid == 0 && host.isEmpty()) {
            return null;
        }
        return (pid == 0 ? "?" : Long.toString(pid)) + "@" + (host.isEmpty() ? "?" : host);
    }

    private static final class Waits {
        final List<Duration> durations = new ArrayList<>();
        final Map<String, Integer> holders = new HashMap<>();
        int contended;

        List<KeyContention.HolderCount> topHolders() {
            return holders.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(TOP_HOLDERS)
                    .map(e -> new KeyContention.HolderCount(e.getKey(), e.getValue()))
                    .toList();
        }
    }
}
