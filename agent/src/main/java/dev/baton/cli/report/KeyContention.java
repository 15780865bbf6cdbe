package dev.baton.cli.report;

import java.util.List;

/** Lock waits on one key of one scope. */
public record KeyContention(String scope, String key, DurationStats waits, int contended, List<HolderCount> topHolders) {
    /** Share of waits that began while another process (or thread) held the lock. */
    public double contendedShare() {
        return waits.count() == 0 ? 0 : (double) contended / waits.count();
    }

    /** A holder, as pid@host, and how many waits began while it held the lock. */
    public record HolderCount(String holder, int waits) {
    }
}
