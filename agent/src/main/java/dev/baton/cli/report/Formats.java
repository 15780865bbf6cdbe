package dev.baton.cli.report;

import java.time.Duration;
import java.util.Locale;

/** Human formatting of durations, sizes and shares; Locale.ROOT so reports read the same on every machine. */
final class Formats {
    private static final String[] BINARY_UNITS = {"KiB", "MiB", "GiB", "TiB"};

    private Formats() {
    }

    static String duration(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0 ms";
        }
        if (nanos < 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < BINARY_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, BINARY_UNITS[unit]);
    }

    static String share(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
