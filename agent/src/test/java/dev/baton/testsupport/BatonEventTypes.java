package dev.baton.testsupport;

import dev.baton.jfr.BatonEvents;
import jdk.jfr.FlightRecorder;

/**
 * Baton's event types are {@code @Registered(false)}: the agent registers them when the recorder initializes. Tests
 * that record Baton events in their own JVM, without the agent, register them first.
 */
public final class BatonEventTypes {
    private BatonEventTypes() {
    }

    public static void register() {
        for (Class<? extends jdk.jfr.Event> type : BatonEvents.ALL) {
            FlightRecorder.register(type);
        }
    }
}
