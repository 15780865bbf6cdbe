package dev.baton.cli.report;

import java.time.Instant;
import java.util.List;

/** Everything the renderers show, aggregated from one or more recordings. */
public record Report(
        List<RecordingSource> recordings,
        Instant recordingStart,
        Instant recordingEnd,
        long batonEvents,
        List<KeyContention> contention,
        List<RetryCause> retries,
        DownloadTotals downloads,
        InstallTotals installs,
        SqliteBusyTotals sqliteBusy,
        SqliteWaitTotals sqliteWaits,
        OffloadTotals offload,
        List<FallbackSite> fallbacks,
        List<TimelineBar> timeline) {

    /** "with-1.jfr" for one recording, "28 recordings" for several (they are listed at the end of the report). */
    public String title() {
        List<RecordingSource> read = recordings.stream().filter(RecordingSource::read).toList();
        return read.size() == 1 ? read.get(0).name() : read.size() + " recordings";
    }

    /** Recordings that could not be read completely. */
    public List<RecordingSource> problems() {
        return recordings.stream().filter(r -> r.problem() != null).toList();
    }

    /** True when no recording could be read at all. */
    public boolean nothingRead() {
        return recordingStart == null
                && recordings.stream().filter(RecordingSource::read).allMatch(r -> r.problem() != null);
    }
}
