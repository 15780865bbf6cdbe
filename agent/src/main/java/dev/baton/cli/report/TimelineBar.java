package dev.baton.cli.report;

import java.time.Instant;

/**
 * One lock wait or hold, from start to end, on the timeline lane of the process that waited or held, within the
 * rows of its scope and key.
 */
public record TimelineBar(Kind kind, String scope, String key, String process, Instant start, Instant end,
        String detail) {
    public enum Kind {
        WAIT, HOLD
    }

    TimelineBar inProcess(String name) {
        return new TimelineBar(kind, scope, key, name, start, end, detail);
    }
}
