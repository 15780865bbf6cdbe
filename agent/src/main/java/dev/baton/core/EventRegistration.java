package dev.baton.core;

import dev.baton.jfr.BatonEvents;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

/** Registers Baton's event types with JFR as soon as the recorder initializes. */
final class EventRegistration implements FlightRecorderListener {
    @Override
    public void recorderInitialized(FlightRecorder recorder) {
        for (Class<? extends jdk.jfr.Event> type : BatonEvents.ALL) {
            FlightRecorder.register(type);
        }
    }
}
