package dev.baton.recording;

import java.util.ArrayList;
import java.util.List;

import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;

/**
 * Baton's periodic JFR events (lock and offload statistics), added to the recorder only once it runs. Adding one
 * registers its event type, which makes JFR build its metadata (annotations, type library): a hundred milliseconds
 * and more of CPU in a JVM that never records, the short-lived tools Baton runs in included. Until the recorder
 * initializes (Baton listens for that from premain), hooks wait here; after, they are added at once.
 */
public final class PeriodicEvents {
    private record Periodic(Class<? extends Event> type, Runnable hook) {
    }

    private static final List<Periodic> PENDING = new ArrayList<>();
    private static boolean recorderRuns;

    private PeriodicEvents() {
    }

    /** Emits {@code type} through {@code hook} every period of the recording's settings, once JFR runs. */
    public static void add(Class<? extends Event> type, Runnable hook) {
        synchronized (PENDING) {
            if (!recorderRuns) {
                PENDING.add(new Periodic(type, hook));
                return;
            }
        }
        FlightRecorder.addPeriodicEvent(type, hook);
    }

    public static void remove(Runnable hook) {
        synchronized (PENDING) {
            for (int i = PENDING.size() - 1; i >= 0; i--) {
                if (PENDING.get(i).hook() == hook) {
                    PENDING.remove(i);
                }
            }
            if (!recorderRuns) {
                return;
            }
        }
        FlightRecorder.removePeriodicEvent(hook);
    }

    /** The recorder initialized: every waiting hook is added now, later ones at once. */
    public static void recorderInitialized() {
        List<Periodic> due;
        synchronized (PENDING) {
            recorderRuns = true;
            due = new ArrayList<>(PENDING);
            PENDING.clear();
        }
        for (Periodic periodic : due) {
            FlightRecorder.addPeriodicEvent(periodic.type(), periodic.hook());
        }
    }
}
