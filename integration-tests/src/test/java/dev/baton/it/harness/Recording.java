package dev.baton.it.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** Reads a child's JFR recording. */
public final class Recording {
    private Recording() {
    }

    public static List<RecordedEvent> events(Path file, String eventName) throws IOException {
        return RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals(eventName))
                .collect(Collectors.toList());
    }

    /** Event type names declared in the recording's metadata, whether or not any event was written. */
    public static List<String> eventTypes(Path file) throws IOException {
        try (RecordingFile recording = new RecordingFile(file)) {
            return recording.readEventTypes().stream().map(EventType::getName).collect(Collectors.toList());
        }
    }
}
