package dev.baton.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.apps.HelloApp;
import dev.baton.it.apps.OffloadApp;
import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.Recording;
import dev.baton.it.harness.RunningJvm.Result;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Virtual-thread offloading in real JVMs. Which thread ran a call is read from baton.Offload events (the event's
 * thread is the pool thread, its caller field the virtual thread); no assertion depends on timing.
 */
class OffloadTest {
    private static final String POOL_THREAD_PREFIX = "baton-offload-";

    @TempDir
    Path work;

    /** Virtual threads need JDK 21+; these child runs are the expensive part, so they run once, in the 25 leg. */
    private static Jdk jdk25Leg() {
        Assumptions.assumeTrue(Integer.getInteger("baton.it.jdk", Runtime.version().feature()) == 25,
                "offload needs virtual threads: its tests run in the JDK 25 leg only");
        return Jdk.target();
    }

    @Test
    void virtualThreadCallsRunOnThePoolAndResultsAndExceptionsAreUnchanged() throws Exception {
        Jdk jdk = jdk25Leg();
        String classPath = Artifacts.classPath(Artifacts.testClasses(), Artifacts.samplesClassPath());
        Result without = ChildJvm.on(jdk, work).named("without").withoutAgent().classPath(classPath)
                .main(OffloadApp.class.getName(), work.resolve("without.db")).run(120);
        Path jfr = work.resolve("offload.jfr");
        Result with = ChildJvm.on(jdk, work).named("with").recordTo(jfr).classPath(classPath)
                .main(OffloadApp.class.getName(), work.resolve("with.db")).run(120);

        assertEquals(0, without.exitCode(), without.toString());
        assertEquals(0, with.exitCode(), with.toString());
        // Same results, same exceptions (type, message, error code, SQL state) with the same stack traces.
        assertEquals(withoutJfrLog(without.stdout()), withoutJfrLog(with.stdout()), with.toString());
        assertTrue(with.stdout().contains("syntax: org.sqlite.SQLiteException | [SQLITE_ERROR]"), with.stdout());
        assertTrue(with.stdout().contains("at dev.baton.it.apps.OffloadApp.failures:"), with.stdout());

        Map<String, Set<String>> operationsByCaller = new TreeMap<>();
        for (RecordedEvent event : Recording.events(jfr, "baton.Offload")) {
            assertTrue(event.getThread().getJavaName().startsWith(POOL_THREAD_PREFIX), event.toString());
            assertTrue(event.getString("database").endsWith("with.db"), event.toString());
            operationsByCaller.computeIfAbsent(event.getThread("caller").getJavaName(), k -> new TreeSet<>())
                    .add(event.getString("operation"));
        }
        assertFalse(operationsByCaller.containsKey("platform-work"), operationsByCaller.toString());
        assertFalse(operationsByCaller.containsKey("main"), operationsByCaller.toString());
        // Opening and closing those connections is offloaded; the calls made under the monitor or with callbacks
        // registered are not.
        assertFalse(operationsByCaller.get("vt-locked").contains("Statement.executeQuery"),
                operationsByCaller.toString());
        assertFalse(operationsByCaller.get("vt-function").contains("Statement.executeQuery"),
                operationsByCaller.toString());
        assertFalse(operationsByCaller.get("vt-function").contains("Connection.close"),
                operationsByCaller.toString());
        assertFalse(operationsByCaller.get("vt-listener").contains("Statement.executeUpdate"),
                operationsByCaller.toString());
        assertTrue(operationsByCaller.get("vt-work").containsAll(List.of("Statement.executeUpdate",
                "Statement.execute", "PreparedStatement.executeBatch", "PreparedStatement.executeUpdate",
                "PreparedStatement.executeQuery", "ResultSet.next", "Connection.prepareStatement",
                "Connection.setAutoCommit", "Connection.rollback", "Connection.setSavepoint", "Connection.commit",
                "Connection.close")), operationsByCaller.toString());
        assertTrue(operationsByCaller.get("vt-failures").containsAll(List.of("Statement.executeQuery",
                "Statement.executeUpdate", "PreparedStatement.executeUpdate")), operationsByCaller.toString());
    }

    /** -XX:StartFlightRecording prints its start to stdout. */
    private static String withoutJfrLog(String stdout) {
        return stdout.lines().filter(l -> !l.contains("[jfr,startup]")).collect(Collectors.joining("\n"));
    }

    @Test
    void theLegacyHeartbeatSamplesQueriesRunOnPoolThreadsThroughABoundedQueue() throws Exception {
        Jdk jdk = jdk25Leg();
        Path jfr = work.resolve("heartbeat.jfr");
        // A queue of 2 for 4 callers: backpressure must make callers wait, never fail or deadlock.
        Result result = ChildJvm.on(jdk, work).recordTo(jfr).property("baton.offload.threads", 2)
                .property("baton.offload.queue", 2)
                .property("jdk.virtualThreadScheduler.parallelism", 2)
                .classPath(Artifacts.samplesClassPath())
                .main("dev.baton.samples.vthreads.SlowQueriesHeartbeat", "heartbeat", work.resolve("hb.db"), 4, 4,
                        50_000)
                .run(120);
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().contains("lateness_p99_ms="), result.toString());

        List<RecordedEvent> offloads = Recording.events(jfr, "baton.Offload");
        Set<String> callers = new TreeSet<>();
        Set<String> poolThreads = new TreeSet<>();
        Set<String> operations = new TreeSet<>();
        for (RecordedEvent event : offloads) {
            callers.add(event.getThread("caller").getJavaName());
            poolThreads.add(event.getThread().getJavaName());
            operations.add(event.getString("operation"));
        }
        assertTrue(operations.contains("Statement.executeQuery"), operations.toString());
        // The sample reads one row per query: executeQuery already fetched it, so next() never leaves the caller.
        assertFalse(operations.contains("ResultSet.next"), operations.toString());
        assertEquals(Set.of("slow-query-1", "slow-query-2", "slow-query-3", "slow-query-4"), callers);
        assertEquals(Set.of(POOL_THREAD_PREFIX + 1, POOL_THREAD_PREFIX + 2), poolThreads);
        // A periodic event (every second, once the pool runs): the 4 s run leaves room for a loaded machine.
        List<RecordedEvent> statistics = Recording.events(jfr, "baton.OffloadStatistics");
        assertFalse(statistics.isEmpty(), "no baton.OffloadStatistics in " + jfr);
        assertTrue(statistics.stream().allMatch(e -> e.getInt("poolSize") == 2), statistics.toString());
        assertTrue(statistics.stream().allMatch(e -> e.getInt("queued") <= 2 && e.getInt("active") <= 2),
                statistics.toString());
    }

    /** Cheap, so it runs in both legs: JDK 17 has no virtual threads and must get no offload hook at all. */
    @Test
    void offloadIsActiveOnlyWhereVirtualThreadsExist() throws Exception {
        Jdk jdk = Jdk.target();
        // sqlite off: its own hooks on the same driver classes would hide whether offload hooked anything.
        Result result = ChildJvm.on(jdk, work).property("baton.sqlite.enabled", false)
                .classPath(Artifacts.testClasses()).main(HelloApp.class.getName()).run(60);
        assertEquals(0, result.exitCode(), result.toString());
        String line = result.batonLines().get(0);
        if (jdk.feature() >= 21) {
            assertTrue(line.matches(".*active \\[[^]]*offload.*"), line);
            assertTrue(line.contains("org.sqlite.jdbc3.JDBC3Statement"), line);
        } else {
            assertFalse(line.contains("offload"), line);
            assertFalse(line.contains("org.sqlite"), line);
        }
    }
}
