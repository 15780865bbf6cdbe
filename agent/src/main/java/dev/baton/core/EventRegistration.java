package dev.baton.core;

import dev.baton.jfr.BatonEvents;
import dev.baton.recording.PeriodicEvents;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

/**
 * Registers Baton's event types with JFR as soon as the recorder initializes (they are {@code @Registered(false)},
 * see {@link BatonEvents}), and adds the periodic events that waited for it ({@link PeriodicEvents}).
 */
final class EventRegistration implements FlightRecorderListener {
    @Override
    public void recorderInitialized(FlightRecorder recorder) {
        for (Class<? extends jdk.jfr.Event> type : BatonEvents.ALL) {
            FlightRecorder.register(type);
        }
        PeriodicEvents.recorderInitialized();
    }
}
