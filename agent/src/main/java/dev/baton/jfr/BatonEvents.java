package dev.baton.jfr;

import java.util.List;

import jdk.jfr.Event;

/**
 * Every Baton event type, registered when the flight recorder initializes so that tools such as {@code jfr view}
 * know them from chunk one.
 *
 * <p>Each type is {@code @Registered(false)}: JFR would otherwise register an event class the first time one is
 * made, which builds JFR's whole metadata (type library, annotation proxies), some two hundred milliseconds of CPU,
 * in every JVM where Baton merely takes a lock, even one that never records. Unregistered, an event is an empty
 * object whose {@code commit} does nothing. Code that records Baton events without the agent (tests, a recording
 * started in-process) registers them first: {@code BatonEvents.ALL.forEach(FlightRecorder::register)}.
 */
public final class BatonEvents {
    public static final List<Class<? extends Event>> ALL = List.of(
            FallbackEvent.class, LockWaitEvent.class, LockHoldEvent.class, LockStatisticsEvent.class,
            DownloadEvent.class, RetryEvent.class, InstallEvent.class, SqliteBusyEvent.class, SqliteWaitEvent.class,
            OffloadEvent.class, OffloadStatisticsEvent.class);

    private BatonEvents() {
    }
}
