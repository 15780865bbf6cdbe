package dev.baton.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.apps.LockedWorkApp;
import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.Recording;
import dev.baton.it.harness.RunningJvm;
import jdk.jfr.consumer.RecordedEvent;

/**
 * The lock events of the README's JFR table in a real JVM with the agent: {@code baton.LockHold} (a lock held longer
 * than 10 ms, with scope, key, purpose, backend, generation) and {@code baton.LockStatistics} (every second: backend,
 * keys held, threads waiting). One thread holds a user rule's lock until the test has seen, in the JVM's own
 * statistics stream, a period with the key held and the second thread waiting for it; so the recording must hold
 * that period, whatever the machine's speed.
 */
class LockEventsRecordedTest {
    private static final String KEY = "gadget-9";

    @TempDir
    Path work;

    @Test
    void aLongHoldAndTheStatisticsOfAHeldAndAWaitedLockAreRecorded() throws Exception {
        Jdk jdk = Jdk.target();
        Assumptions.assumeTrue(jdk.feature() == 17, "the lock events are checked on the JDK 17 leg");
        Path jfr = work.resolve("locks.jfr");
        Path hold = work.resolve("hold");
        RunningJvm child = ChildJvm.on(jdk, work).classPath(Artifacts.testClasses()).recordTo(jfr)
                .agentArgs("lock.dir=" + work.resolve("locks"))
                .property("baton.rules.work.method", LockedWorkApp.Workshop.class.getName()
                        + "#build(java.lang.String)")
                .property("baton.rules.work.action", "lock").property("baton.rules.work.key", "arg0")
                .main(LockedWorkApp.class.getName(), "pair", KEY, work.resolve("work.log"), hold).start();
        try {
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertTrue(!child.process().isAlive()
                    || child.stdout().contains("STATS backend=file held=1 waiting=1"), "no period with the key"
                    + " held and a thread waiting yet:\n" + child.stdout()));
        } finally {
            Files.writeString(hold, "");
        }
        RunningJvm.Result result = child.awaitExit(60);
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().contains("holder RESULT ran") && result.stdout().contains("waiter RESULT ran"),
                result.toString());

        List<RecordedEvent> statistics = Recording.events(jfr, "baton.LockStatistics");
        assertTrue(statistics.stream().anyMatch(e -> e.getInt("held") == 1 && e.getInt("waiting") == 1),
                "a period with the key held and a thread waiting: " + statistics);
        // Plausible: one key and two threads, never counted below zero or twice.
        for (RecordedEvent event : statistics) {
            assertEquals("file", event.getString("backend"), event.toString());
            assertTrue(event.getInt("held") >= 0 && event.getInt("held") <= 1, event.toString());
            assertTrue(event.getInt("waiting") >= 0 && event.getInt("waiting") <= 1, event.toString());
        }

        List<RecordedEvent> holds = Recording.events(jfr, "baton.LockHold");
        // The holder held the lock for at least one statistics period; the waiter's hold may be under 10 ms.
        RecordedEvent first = holds.stream().filter(e -> e.getLong("generation") == 1).findFirst()
                .orElseThrow(() -> new AssertionError("no baton.LockHold of the first holder: " + holds));
        assertEquals("rule:work", first.getString("scope"), first.toString());
        assertEquals(KEY, first.getString("key"), first.toString());
        assertEquals("rule work", first.getString("purpose"), first.toString());
        assertEquals("file", first.getString("backend"), first.toString());
        assertEquals("holder", first.getThread().getJavaName(), first.toString());
        for (RecordedEvent event : holds) {
            assertTrue(event.getDuration().compareTo(Duration.ofMillis(10)) >= 0, "a hold under the 10 ms threshold"
                    + " was recorded: " + event);
        }
    }
}
