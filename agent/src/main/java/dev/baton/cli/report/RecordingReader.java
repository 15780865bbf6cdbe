package dev.baton.cli.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads JFR recordings once, streaming, and feeds each Baton event to the aggregator for its type. Several
 * recordings (one per process, typically) make one report: contention between processes is the point of Baton.
 *
 * <p>A recording that cannot be read completely (truncated by a killed process, not a recording at all) is named in
 * the report, and everything that could be read still counts: one bad file out of thirty must not hide the other
 * twenty-nine. The same file given twice is read once.
 */
public final class RecordingReader {
    /** Written at the start of every chunk by baton.jfc (and the JDK's own settings): it carries the pid. */
    private static final String JVM_INFORMATION = "jdk.JVMInformation";

    private final ContentionAggregator contention = new ContentionAggregator();
    private final TimelineCollector timeline = new TimelineCollector();
    private final RetryAggregator retries = new RetryAggregator();
    private final DownloadTotals downloads = new DownloadTotals();
    private final InstallTotals installs = new InstallTotals();
    private final SqliteBusyTotals sqliteBusy = new SqliteBusyTotals();
    private final SqliteWaitTotals sqliteWaits = new SqliteWaitTotals();
    private final OffloadTotals offload = new OffloadTotals();
    private final FallbackAggregator fallbacks = new FallbackAggregator();
    private final Map<String, Consumer<RecordedEvent>> handlers = new HashMap<>();

    private Instant start;
    private Instant end;
    private long batonEvents;

    private RecordingReader() {
        handlers.put(BatonEventNames.LOCK_WAIT, e -> {
            contention.add(e);
            timeline.addWait(e);
        });
        handlers.put(BatonEventNames.LOCK_HOLD, timeline::addHold);
        handlers.put(BatonEventNames.RETRY, retries::add);
        handlers.put(BatonEventNames.DOWNLOAD, downloads::add);
        handlers.put(BatonEventNames.INSTALL, installs::add);
        handlers.put(BatonEventNames.SQLITE_BUSY, sqliteBusy::add);
        handlers.put(BatonEventNames.SQLITE_WAIT, sqliteWaits::add);
        handlers.put(BatonEventNames.OFFLOAD, offload::add);
        handlers.put(BatonEventNames.FALLBACK, fallbacks::add);
    }

    public static Report read(Path recording) {
        return read(List.of(recording));
    }

    public static Report read(List<Path> recordings) {
        RecordingReader reader = new RecordingReader();
        List<RecordingSource> sources = new ArrayList<>();
        Map<Object, String> readAlready = new HashMap<>();
        for (Path recording : recordings) {
            String name = String.valueOf(recording.getFileName());
            String first = readAlready.putIfAbsent(identity(recording), name);
            sources.add(first != null ? RecordingSource.duplicate(name, first) : reader.readOne(recording, name));
        }
        return new Report(List.copyOf(sources), reader.start, reader.end, reader.batonEvents,
                reader.contention.result(), reader.retries.result(), reader.downloads, reader.installs,
                reader.sqliteBusy, reader.sqliteWaits, reader.offload,
                reader.fallbacks.result(), reader.timeline.result());
    }

    /** The file itself, however it is named (relative path, symbolic or hard link). */
    private static Object identity(Path recording) {
        try {
            Object key = Files.readAttributes(recording, BasicFileAttributes.class).fileKey();
            return key != null ? key : recording.toRealPath();
        } catch (IOException | RuntimeException e) {
            return recording.toAbsolutePath().normalize();
        }
    }

    private RecordingSource readOne(Path recording, String name) {
        long eventsBefore = batonEvents;
        String pid = null;
        String problem = null;
        // Streamed rather than RecordingFile.readAllEvents: recordings of long runs can be far larger than the heap.
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                String type = event.getEventType().getName();
                if (type.equals(JVM_INFORMATION) && event.hasField("pid")) {
                    pid = Long.toString(event.getLong("pid"));
                    continue;
                }
                start = start == null || event.getStartTime().isBefore(start) ? event.getStartTime() : start;
                end = end == null || event.getEndTime().isAfter(end) ? event.getEndTime() : end;
                Consumer<RecordedEvent> handler = handlers.get(type);
                if (handler != null) {
                    handler.accept(event);
                }
                if (type.startsWith("baton.")) {
                    batonEvents++;
                }
            }
        } catch (IOException | RuntimeException e) {
            // RecordingFile reports a truncated or corrupt chunk as IOException, other damage sometimes unchecked.
            // A chunk is checked before its events are handed out, so what was read before is sound and counts.
            problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        String process = pid != null ? "pid " + pid : name;
        timeline.endOfRecording(process);
        return new RecordingSource(name, process, batonEvents - eventsBefore, problem, null);
    }
}
