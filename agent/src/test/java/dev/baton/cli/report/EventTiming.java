package dev.baton.cli.report;

import java.lang.reflect.Field;

import jdk.jfr.Event;

/**
 * Commits real events with exact start times and durations, so that tests can assert exact percentiles.
 *
 * <p>JFR has no public API to set when an event began or how long it lasted. Every event class gets two fields,
 * {@code startTime} and {@code duration} (in JFR ticks, nanoseconds on Linux), which begin() and end() fill in and
 * commit() then writes; this sets them in between, after begin(), exactly as end() would. If a JDK changes that,
 * the assertions on exact durations fail loudly rather than pass by accident.
 */
final class EventTiming {
    private long originTicks;

    /** Commits {@code event} as if it began {@code offsetNanos} after the first event of this timing and lasted
     * {@code durationNanos}. Durations must be positive: zero tells JFR to measure the duration itself. */
    void commit(Event event, long offsetNanos, long durationNanos) {
        if (durationNanos <= 0) {
            throw new IllegalArgumentException("duration must be positive, was " + durationNanos);
        }
        event.begin();
        try {
            Field start = field(event, "startTime");
            Field duration = field(event, "duration");
            if (originTicks == 0) {
                originTicks = start.getLong(event);
            }
            start.setLong(event, originTicks + offsetNanos);
            duration.setLong(event, durationNanos);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("this JDK's JFR no longer adds startTime/duration fields to events", e);
        }
        event.commit();
    }

    private static Field field(Event event, String name) throws NoSuchFieldException {
        Field field = event.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
