package dev.baton.jfr;

import java.util.List;

import jdk.jfr.Event;

/** Every Baton event type, registered at premain so that tools such as {@code jfr view} know them from chunk one. */
public final class BatonEvents {
    public static final List<Class<? extends Event>> ALL = List.of(
            FallbackEvent.class, LockWaitEvent.class, LockHoldEvent.class, LockStatisticsEvent.class,
            DownloadEvent.class, RetryEvent.class, InstallEvent.class, SqliteBusyEvent.class, SqliteWaitEvent.class,
            OffloadEvent.class, OffloadStatisticsEvent.class);

    private BatonEvents() {
    }
}
