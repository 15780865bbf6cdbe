package dev.baton.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/** The JFR events an operator relies on to see lock contention. */
class LockEventsTest {
    @org.junit.jupiter.api.BeforeAll
    static void registerBatonEvents() {
        dev.baton.testsupport.BatonEventTypes.register();
    }

    @TempDir
    Path temp;

    @Test
    void waitsHoldsAndTimeoutsAreRecorded() throws Exception {
        Path file = temp.resolve("locks.jfr");
        String key = "https://user:pw@example.org/a.zip?sig=1";
        try (Recording recording = new Recording();
                LockService locks = LockService.files(temp.resolve("locks"), Duration.ofSeconds(30))) {
            recording.enable("baton.LockWait");
            recording.enable("baton.LockHold").withThreshold(Duration.ZERO);
            recording.start();
            try (LockHandle held = locks.acquire("download", key, "download", TimeoutPolicy.FAIL)) {
                LockingThread waiter = new LockingThread(locks, "download", key, Duration.ofMillis(50),
                        TimeoutPolicy.PROCEED);
                waiter.awaitHandle();
                waiter.close();
            }
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> waits = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("baton.LockWait")).collect(Collectors.toList());
        List<String> outcomes = waits.stream().map(e -> e.getString("outcome")).sorted().toList();
        assertEquals(List.of("acquired", "timeout-proceed"), outcomes);
        RecordedEvent timedOut = waits.stream().filter(e -> e.getString("outcome").equals("timeout-proceed"))
                .findFirst().orElseThrow();
        assertTrue(timedOut.getBoolean("contended"));
        assertEquals(ProcessHandle.current().pid(), timedOut.getLong("holderPid"));
        assertEquals("https://example.org/a.zip", timedOut.getString("key"));
        assertEquals("file", timedOut.getString("backend"));
        RecordedEvent acquired = waits.stream().filter(e -> e.getString("outcome").equals("acquired"))
                .findFirst().orElseThrow();
        assertEquals(1, acquired.getLong("generation"));

        List<RecordedEvent> holds = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("baton.LockHold")).toList();
        assertEquals(1, holds.size());
        assertEquals("download", holds.get(0).getString("purpose"));
    }
}
