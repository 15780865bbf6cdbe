package dev.baton.cli.report;

import java.time.Instant;
import java.util.List;

/** Everything the renderers show, aggregated from one recording. */
public record Report(
        String source,
        Instant recordingStart,
        Instant recordingEnd,
        long batonEvents,
        List<KeyContention> contention,
        List<RetryCause> retries,
        DownloadTotals downloads,
        InstallTotals installs,
        SqliteBusyTotals sqliteBusy,
        OffloadTotals offload,
        List<FallbackSite> fallbacks,
        List<TimelineBar> timeline) {
}
