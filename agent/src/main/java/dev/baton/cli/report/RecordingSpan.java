package dev.baton.cli.report;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/** The one-line description of what a report covers, shared by the text and HTML renderers. */
final class RecordingSpan {
    private RecordingSpan() {
    }

    static String describe(Report report) {
        if (report.recordingStart() == null) {
            return "the recording holds no events";
        }
        return report.batonEvents() + " Baton events, recorded "
                + report.recordingStart().truncatedTo(ChronoUnit.MILLIS) + " to "
                + report.recordingEnd().truncatedTo(ChronoUnit.MILLIS) + " ("
                + Formats.duration(Duration.between(report.recordingStart(), report.recordingEnd())) + ")";
    }
}
