package dev.baton.cli.report;

import java.time.Duration;

import jdk.jfr.consumer.RecordedEvent;

/**
 * Reads fields by name and tolerates their absence, so that recordings written by an older or newer Baton (a field
 * added or removed) still report instead of failing on the first event.
 */
final class EventFields {
    private EventFields() {
    }

    static String text(RecordedEvent event, String field) {
        if (!event.hasField(field)) {
            return "";
        }
        String value = event.getString(field);
        return value == null ? "" : value;
    }

    static long number(RecordedEvent event, String field) {
        return event.hasField(field) ? event.getLong(field) : 0L;
    }

    static boolean flag(RecordedEvent event, String field) {
        return event.hasField(field) && event.getBoolean(field);
    }

    static Duration timespan(RecordedEvent event, String field) {
        return event.hasField(field) ? event.getDuration(field) : Duration.ZERO;
    }
}
