package dev.baton.cli.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;

import jdk.jfr.consumer.RecordedEvent;

/**
 * Turns baton.LockWait and baton.LockHold events into timeline bars, with a short description for hover titles.
 * Bars are collected per recording and named after its process once the recording has been read, because the
 * event that names the process may come anywhere in it.
 */
final class TimelineCollector {
    private final List<TimelineBar> bars = new ArrayList<>();
    private final List<TimelineBar> currentRecording = new ArrayList<>();

    /** Every bar added since the previous call belongs to the process {@code process}. */
    void endOfRecording(String process) {
        for (TimelineBar bar : currentRecording) {
            bars.add(bar.inProcess(process));
        }
        currentRecording.clear();
    }

    void addWait(RecordedEvent event) {
        StringJoiner detail = new StringJoiner(", ");
        addIfPresent(detail, "purpose", EventFields.text(event, "purpose"));
        addIfPresent(detail, "outcome", EventFields.text(event, "outcome"));
        if (EventFields.flag(event, "contended")) {
            long pid = EventFields.number(event, "holderPid");
            String host = EventFields.text(event, "holderHost");
            detail.add("held by " + (pid == 0 ? "?" : pid) + "@" + (host.isEmpty() ? "?" : host));
        }
        add(TimelineBar.Kind.WAIT, event, detail.toString());
    }

    void addHold(RecordedEvent event) {
        StringJoiner detail = new StringJoiner(", ");
        addIfPresent(detail, "purpose", EventFields.text(event, "purpose"));
        addIfPresent(detail, "backend", EventFields.text(event, "backend"));
        add(TimelineBar.Kind.HOLD, event, detail.toString());
    }

    /** Sorted by start time so that renderers can draw in order. */
    List<TimelineBar> result() {
        List<TimelineBar> sorted = new ArrayList<>(bars);
        sorted.sort(Comparator.comparing(TimelineBar::start));
        return sorted;
    }

    private void add(TimelineBar.Kind kind, RecordedEvent event, String detail) {
        currentRecording.add(new TimelineBar(kind, EventFields.text(event, "scope"), EventFields.text(event, "key"),
                "", event.getStartTime(), event.getEndTime(), detail));
    }

    private static void addIfPresent(StringJoiner joiner, String label, String value) {
        if (!value.isEmpty()) {
            joiner.add(label + " " + value);
        }
    }
}
