package dev.baton.offload;

import java.util.function.IntSupplier;

import org.slf4j.Logger;

import dev.baton.jfr.OffloadStatisticsEvent;
import dev.baton.log.BatonLog;
import dev.baton.recording.PeriodicEvents;

/** The periodic baton.OffloadStatistics event of the JVM's offloader, registered when it starts. */
final class OffloadStatistics {
    private static final Logger LOG = BatonLog.get();

    private OffloadStatistics() {
    }

    static void record(String mode, IntSupplier threads, IntSupplier running, IntSupplier queued) {
        try {
            PeriodicEvents.add(OffloadStatisticsEvent.class, () -> {
                OffloadStatisticsEvent event = new OffloadStatisticsEvent();
                event.mode = mode;
                event.threads = threads.getAsInt();
                event.running = running.getAsInt();
                event.queued = queued.getAsInt();
                event.commit();
            });
        } catch (Throwable t) {
            // Statistics are optional; offloading works without JFR.
            LOG.debug("baton.OffloadStatistics not registered", t);
        }
    }
}
