package dev.baton.cli.report;

import java.time.Instant;

/** One lock wait or hold, from start to end, on the timeline row of its scope and key. */
public record TimelineBar(Kind kind, String scope, String key, Instant start, Instant end, String detail) {
    public enum Kind {
        WAIT, HOLD
    }
}
