package dev.baton.cli.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads JFR recordings once, streaming, and feeds each Baton event to the aggregator for its type. Several
 * recordings (one per process, typically) make one report: contention between processes is the point of Baton.
 */
public final class RecordingReader {
    private RecordingReader() {
    }

    public static Report read(Path recording) throws IOException {
        return read(List.of(recording));
    }

    public static Report read(List<Path> recordings) throws IOException {
        ContentionAggregator contention = new ContentionAggregator();
        TimelineCollector timeline = new TimelineCollector();
        RetryAggregator retries = new RetryAggregator();
        DownloadTotals downloads = new DownloadTotals();
        InstallTotals installs = new InstallTotals();
        SqliteBusyTotals sqliteBusy = new SqliteBusyTotals();
        OffloadTotals offload = new OffloadTotals();
        FallbackAggregator fallbacks = new FallbackAggregator();

        Map<String, Consumer<RecordedEvent>> handlers = new HashMap<>();
        handlers.put(BatonEventNames.LOCK_WAIT, e -> {
            contention.add(e);
            timeline.addWait(e);
        });
        handlers.put(BatonEventNames.LOCK_HOLD, timeline::addHold);
        handlers.put(BatonEventNames.RETRY, retries::add);
        handlers.put(BatonEventNames.DOWNLOAD, downloads::add);
        handlers.put(BatonEventNames.INSTALL, installs::add);
        handlers.put(BatonEventNames.SQLITE_BUSY, sqliteBusy::add);
        handlers.put(BatonEventNames.OFFLOAD, offload::add);
        handlers.put(BatonEventNames.FALLBACK, fallbacks::add);

        Instant start = null;
        Instant end = null;
        long batonEvents = 0;
        // Streamed rather than RecordingFile.readAllEvents: recordings of long runs can be far larger than the heap.
        for (Path recording : recordings) {
            try (RecordingFile file = new RecordingFile(recording)) {
                while (file.hasMoreEvents()) {
                    RecordedEvent event = file.readEvent();
                    start = start == null || event.getStartTime().isBefore(start) ? event.getStartTime() : start;
                    end = end == null || event.getEndTime().isAfter(end) ? event.getEndTime() : end;
                    Consumer<RecordedEvent> handler = handlers.get(event.getEventType().getName());
                    if (handler != null) {
                        handler.accept(event);
                    }
                    if (event.getEventType().getName().startsWith("baton.")) {
                        batonEvents++;
                    }
                }
            }
        }
        String source = recordings.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "));
        return new Report(source, start, end, batonEvents, contention.result(),
                retries.result(), downloads, installs, sqliteBusy, offload,
                fallbacks.result(), timeline.result());
    }
}
