package dev.baton.cli.report;

import java.time.Duration;

import jdk.jfr.consumer.RecordedEvent;

/** Totals of baton.Install events; an install that had to wait for another one was serialised by Baton. */
public final class InstallTotals {
    private int installs;
    private int serialised;
    private int failed;
    private Duration totalWait = Duration.ZERO;
    private Duration maxWait = Duration.ZERO;

    void add(RecordedEvent event) {
        installs++;
        Duration wait = EventFields.timespan(event, "wait");
        if (EventFields.number(event, "exitCode") != 0) {
            failed++;
        }
        // Taking a free lock takes a little time too; only a wait for another install is Baton serialising them.
        // Recordings made before the event said so count every wait above zero.
        boolean waitedForAnother = event.hasField("contended") ? EventFields.flag(event, "contended")
                : wait.compareTo(Duration.ZERO) > 0;
        if (!waitedForAnother) {
            return;
        }
        serialised++;
        totalWait = totalWait.plus(wait);
        if (wait.compareTo(maxWait) > 0) {
            maxWait = wait;
        }
    }

    public int installs() {
        return installs;
    }

    public int serialised() {
        return serialised;
    }

    public int failed() {
        return failed;
    }

    public Duration totalWait() {
        return totalWait;
    }

    public Duration maxWait() {
        return maxWait;
    }
}
