package dev.baton.it.bench;

import java.util.Arrays;

/** Percentiles of a sample, nearest-rank. */
public final class Stats {
    private Stats() {
    }

    public static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public static double median(double[] values) {
        return percentile(values, 50);
    }

    /** The 1-minute load average, as benchmarks print it beside their figures (the machine is shared). */
    public static String loadAverage() {
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return String.format(java.util.Locale.ROOT, "%.1f", load);
    }

    public static String ms(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }
}
