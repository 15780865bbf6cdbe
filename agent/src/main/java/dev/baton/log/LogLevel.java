package dev.baton.log;

import java.util.Locale;

import org.slf4j.event.Level;

/** Baton's log threshold, set once from baton.log.level before anything is logged. */
public final class LogLevel {
    private static volatile int threshold = Level.INFO.toInt();

    private LogLevel() {
    }

    /** Accepts off, error, warn, info, debug, trace (already validated by the configuration). */
    public static void set(String level) {
        threshold = "off".equalsIgnoreCase(level)
                ? Integer.MAX_VALUE
                : Level.valueOf(level.toUpperCase(Locale.ROOT)).toInt();
    }

    static boolean enabled(Level level) {
        return level.toInt() >= threshold;
    }
}
