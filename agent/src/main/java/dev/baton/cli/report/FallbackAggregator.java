package dev.baton.cli.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import jdk.jfr.consumer.RecordedEvent;

/** Groups baton.Fallback events by site. */
final class FallbackAggregator {
    private final Map<String, TreeSet<String>> exceptionsBySite = new TreeMap<>();
    private final Map<String, Integer> countBySite = new TreeMap<>();

    void add(RecordedEvent event) {
        String site = EventFields.text(event, "site");
        countBySite.merge(site, 1, Integer::sum);
        String exception = EventFields.text(event, "exception");
        TreeSet<String> exceptions = exceptionsBySite.computeIfAbsent(site, s -> new TreeSet<>());
        if (!exception.isEmpty()) {
            exceptions.add(exception);
        }
    }

    List<FallbackSite> result() {
        List<FallbackSite> result = new ArrayList<>();
        countBySite.forEach((site, count) -> result.add(new FallbackSite(site, count, exceptionsBySite.get(site))));
        result.sort(Comparator.comparingInt(FallbackSite::count).reversed().thenComparing(FallbackSite::site));
        return result;
    }
}
