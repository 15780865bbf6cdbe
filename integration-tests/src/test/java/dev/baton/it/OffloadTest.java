package dev.baton.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.apps.BusyHandlerApp;
import dev.baton.it.apps.HelloApp;
import dev.baton.it.apps.LookupUnderLoadApp;
import dev.baton.it.apps.OffloadApp;
import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.Recording;
import dev.baton.it.harness.RunningJvm;
import dev.baton.it.harness.RunningJvm.Result;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Virtual threads and blocking sqlite-jdbc calls in real JVMs, in both of Baton's modes: managed blocking (the
 * default: calls stay on their virtual thread, the scheduler gets a carrier while one blocks) and the pool
 * (baton.offload.mode=pool). Which thread ran a call is read from baton.Offload events (the event's thread ran it,
 * its caller field made it). Effects are shown with slow calls that cannot end by themselves or waits the test
 * controls, so outcomes do not depend on timing; the one heartbeat comparison has a tenfold margin over the noise it
 * measures in the same run.
 */
class OffloadTest {
    private static final String POOL_THREAD_PREFIX = "baton-offload-";
    private static final String POOL_MODE = "offload.mode=pool";
    private static final String HEARTBEAT_SAMPLE = "dev.baton.samples.vthreads.SlowQueriesHeartbeat";

    @TempDir
    Path work;

    /** Virtual threads need JDK 21+; these child runs are the expensive part, so they run once, in the 25 leg. */
    private static Jdk jdk25Leg() {
        Assumptions.assumeTrue(Integer.getInteger("baton.it.jdk", Runtime.version().feature()) == 25,
                "offload needs virtual threads: its tests run in the JDK 25 leg only");
        return Jdk.target();
    }

    private ChildJvm child(Jdk jdk, String name, String agentArgs) {
        ChildJvm child = ChildJvm.on(jdk, work).named(name);
        return agentArgs == null ? child : child.agentArgs(agentArgs);
    }

    @Test
    void resultsAndExceptionsAreUnchangedAndEveryVirtualThreadCallIsManagedOnItsOwnThread() throws Exception {
        Jdk jdk = jdk25Leg();
        String classPath = Artifacts.classPath(Artifacts.testClasses(), Artifacts.samplesClassPath());
        Result without = ChildJvm.on(jdk, work).named("without").withoutAgent().classPath(classPath)
                .main(OffloadApp.class.getName(), work.resolve("without.db")).run(120);
        Path jfr = work.resolve("managed.jfr");
        Result with = ChildJvm.on(jdk, work).named("managed").recordTo(jfr).classPath(classPath)
                .main(OffloadApp.class.getName(), work.resolve("with.db")).run(120);

        assertEquals(0, without.exitCode(), without.toString());
        assertSameOutput(without, with);
        // Callbacks registered after connecting run on the thread that ran the statement, as without Baton.
        assertTrue(with.stdout().contains("function: A@vt-function,B@vt-function"), with.stdout());
        assertTrue(with.stdout().contains("listener updates: 2 on [vt-listener]"), with.stdout());

        Map<String, Set<String>> operationsByCaller = new TreeMap<>();
        for (RecordedEvent event : Recording.events(jfr, "baton.Offload")) {
            String caller = event.getThread("caller").getJavaName();
            // No handoff: the call ran on the virtual thread that made it, with no queue.
            assertEquals(caller, event.getThread().getJavaName(), event.toString());
            assertEquals(0, event.getLong("queueWait"), event.toString());
            assertTrue(event.getString("database").endsWith("with.db"), event.toString());
            operationsByCaller.computeIfAbsent(caller, k -> new TreeSet<>()).add(event.getString("operation"));
        }
        assertFalse(operationsByCaller.containsKey("platform-work"), operationsByCaller.toString());
        assertFalse(operationsByCaller.containsKey("main"), operationsByCaller.toString());
        // Nothing needs to stay inline any more: calls under the connection's monitor and with callbacks are managed.
        assertTrue(operationsByCaller.get("vt-locked").contains("Statement.executeQuery"),
                operationsByCaller.toString());
        assertTrue(operationsByCaller.get("vt-function").contains("Statement.executeQuery"),
                operationsByCaller.toString());
        assertTrue(operationsByCaller.get("vt-listener").contains("Statement.executeUpdate"),
                operationsByCaller.toString());
        assertAllOperationsOf(operationsByCaller);
    }

    @Test
    void inPoolModeCallsRunOnPoolThreadsExceptWhereThatWouldDeadlockOrMoveCallbacks() throws Exception {
        Jdk jdk = jdk25Leg();
        String classPath = Artifacts.classPath(Artifacts.testClasses(), Artifacts.samplesClassPath());
        Result without = ChildJvm.on(jdk, work).named("without").withoutAgent().classPath(classPath)
                .main(OffloadApp.class.getName(), work.resolve("without.db")).run(120);
        Path jfr = work.resolve("pool.jfr");
        Result with = child(jdk, "pool", POOL_MODE).recordTo(jfr).classPath(classPath)
                .main(OffloadApp.class.getName(), work.resolve("with.db")).run(120);

        assertSameOutput(without, with);
        assertTrue(with.stdout().contains("function: A@vt-function,B@vt-function"), with.stdout());
        Map<String, Set<String>> operationsByCaller = new TreeMap<>();
        for (RecordedEvent event : Recording.events(jfr, "baton.Offload")) {
            assertTrue(event.getThread().getJavaName().startsWith(POOL_THREAD_PREFIX), event.toString());
            // The event spans the whole wait of the caller, queue wait included (JFR's clock and System.nanoTime may
            // differ by microseconds).
            assertTrue(event.getDuration().toNanos() >= event.getLong("queueWait") - 100_000, event.toString());
            operationsByCaller.computeIfAbsent(event.getThread("caller").getJavaName(), k -> new TreeSet<>())
                    .add(event.getString("operation"));
        }
        assertFalse(operationsByCaller.containsKey("platform-work"), operationsByCaller.toString());
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
        assertAllOperationsOf(operationsByCaller);
    }

    private static void assertSameOutput(Result without, Result with) {
        assertEquals(0, with.exitCode(), with.toString());
        // Same results, same exceptions (type, message, error code, SQL state) with the same stack traces.
        assertEquals(withoutJfrLog(without.stdout()), withoutJfrLog(with.stdout()), with.toString());
        assertTrue(with.stdout().contains("syntax: org.sqlite.SQLiteException | [SQLITE_ERROR]"), with.stdout());
        assertTrue(with.stdout().contains("at dev.baton.it.apps.OffloadApp.failures:"), with.stdout());
    }

    private static void assertAllOperationsOf(Map<String, Set<String>> operationsByCaller) {
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

    /**
     * Issue 19: four endless queries pin both carriers (and would fill the old fixed pool of two threads). Without
     * Baton the lookup cannot even start; with Baton, in either mode, it completes while they still run.
     */
    @Test
    void aPointLookupCompletesWhileEndlessQueriesOccupyEveryCarrier() throws Exception {
        Jdk jdk = jdk25Leg();
        Map<String, String> without = lookupUnderLoad(jdk, "without", null, 5);
        assertEquals("stuck", without.get("lookup"), without.toString());
        assertEquals("forty-two", without.get("lookup_at_the_end"), without.toString());
        for (String mode : new String[] {null, POOL_MODE}) {
            Map<String, String> with = lookupUnderLoad(jdk, mode == null ? "managed" : "pool", mode, 120);
            assertEquals("forty-two", with.get("lookup"), with.toString());
            assertTrue(Integer.parseInt(with.get("slow_queries_running")) >= 2, with.toString());
        }
    }

    /**
     * {@code baton.offload.enabled=false}: nothing is offloaded and no carrier is added. The same four endless
     * queries on two carriers keep the lookup from starting, exactly as without Baton, and the recording holds no
     * {@code baton.Offload} or {@code baton.OffloadStatistics} event, while the other features still start.
     */
    @Test
    void offloadDisabledLeavesBlockingCallsPinnedAsWithoutBaton() throws Exception {
        Jdk jdk = jdk25Leg();
        Path jfr = work.resolve("disabled.jfr");
        Result result = child(jdk, "disabled", "offload.enabled=false").recordTo(jfr)
                .property("jdk.virtualThreadScheduler.parallelism", 2)
                .classPath(Artifacts.classPath(Artifacts.testClasses(), Artifacts.samplesClassPath()))
                .main(LookupUnderLoadApp.class.getName(), work.resolve("disabled.db"), 4, 5).run(120);
        assertEquals(0, result.exitCode(), result.toString());
        Map<String, String> values = keyValues(result);
        assertEquals("stuck", values.get("lookup"), "with offload off the carriers stay pinned: " + values);
        assertEquals("forty-two", values.get("lookup_at_the_end"), values.toString());
        assertEquals(List.of(), Recording.events(jfr, "baton.Offload"));
        assertEquals(List.of(), Recording.events(jfr, "baton.OffloadStatistics"));
        String startup = result.batonLines().get(0);
        assertTrue(startup.matches(".*active \\[[^]]*sqlite.*") && !startup.matches(".*active \\[[^]]*offload.*"),
                startup);
    }

    private Map<String, String> lookupUnderLoad(Jdk jdk, String name, String agentArgs, int waitSeconds)
            throws Exception {
        ChildJvm child = child(jdk, name, agentArgs).property("jdk.virtualThreadScheduler.parallelism", 2)
                .classPath(Artifacts.classPath(Artifacts.testClasses(), Artifacts.samplesClassPath()))
                .main(LookupUnderLoadApp.class.getName(), work.resolve(name + ".db"), 4, waitSeconds);
        if (name.equals("without")) {
            child.withoutAgent();
        }
        Result result = child.run(waitSeconds + 120L);
        assertEquals(0, result.exitCode(), result.toString());
        return keyValues(result);
    }

    /**
     * Issue 18: a heartbeat virtual thread next to four slow queries on two carriers. Without Baton it stalls for
     * about a query (seconds); with Baton its worst lateness stays under ten times the noise the same run measured
     * with as many busy platform threads (the same competition for CPU, no pinning), and at least 50 ms.
     */
    @Test
    void aHeartbeatKeepsTickingNextToSlowQueries() throws Exception {
        Jdk jdk = jdk25Leg();
        Map<String, String> without = heartbeat(jdk, "without", null);
        Map<String, String> with = heartbeat(jdk, "managed", null);
        System.out.println("heartbeat without Baton " + without + "\nheartbeat with Baton " + with);
        double bound = Math.max(50, 10 * Double.parseDouble(with.get("noise_max_ms")));
        double stall = Double.parseDouble(without.get("lateness_max_ms"));
        assertTrue(stall >= Math.max(1000, bound), "without Baton the heartbeat must stall for about a query ("
                + without.get("query_p50_ms") + " ms) and beyond the bound " + bound + ": " + without);
        assertTrue(Double.parseDouble(with.get("lateness_max_ms")) < bound,
                "with Baton the worst lateness must stay under " + bound + " ms: " + with);
    }

    private Map<String, String> heartbeat(Jdk jdk, String name, String agentArgs) throws Exception {
        // About 1.5 s per query alone on the reference machine: the stall without Baton is seconds.
        ChildJvm child = child(jdk, name, agentArgs).jvmOption("--enable-native-access=ALL-UNNAMED")
                .property("jdk.virtualThreadScheduler.parallelism", 2).classPath(Artifacts.samplesClassPath())
                .main(HEARTBEAT_SAMPLE, "heartbeat", work.resolve(name + ".db"), 4, 6, 4_000_000);
        if (name.equals("without")) {
            child.withoutAgent();
        }
        Result result = child.run(300);
        assertEquals(0, result.exitCode(), result.toString());
        return keyValues(result);
    }

    /** The pool's own bounds: a queue of 2 for 4 callers makes callers wait, never fail or deadlock. */
    @Test
    void thePoolRunsQueriesOnItsThreadsThroughABoundedQueue() throws Exception {
        Jdk jdk = jdk25Leg();
        Path jfr = work.resolve("heartbeat.jfr");
        Result result = child(jdk, "pool", POOL_MODE + ",offload.threads=2,offload.queue=2").recordTo(jfr)
                .property("jdk.virtualThreadScheduler.parallelism", 2)
                .classPath(Artifacts.samplesClassPath())
                .main(HEARTBEAT_SAMPLE, "heartbeat", work.resolve("hb.db"), 4, 4, 50_000)
                .run(120);
        assertEquals(0, result.exitCode(), result.toString());

        Set<String> callers = new TreeSet<>();
        Set<String> poolThreads = new TreeSet<>();
        Set<String> operations = new TreeSet<>();
        for (RecordedEvent event : Recording.events(jfr, "baton.Offload")) {
            callers.add(event.getThread("caller").getJavaName());
            poolThreads.add(event.getThread().getJavaName());
            operations.add(event.getString("operation"));
        }
        assertTrue(operations.contains("Statement.executeQuery"), operations.toString());
        // The sample reads one row per query: executeQuery already fetched it, so next() never leaves the caller.
        assertFalse(operations.contains("ResultSet.next"), operations.toString());
        assertEquals(Set.of("slow-query-1", "slow-query-2", "slow-query-3", "slow-query-4"), callers);
        assertEquals(Set.of(POOL_THREAD_PREFIX + 1, POOL_THREAD_PREFIX + 2), poolThreads);
        // A periodic event (every second, once the pool runs): the run leaves room for a loaded machine.
        List<RecordedEvent> statistics = Recording.events(jfr, "baton.OffloadStatistics");
        assertFalse(statistics.isEmpty(), "no baton.OffloadStatistics in " + jfr);
        assertTrue(statistics.stream().allMatch(e -> e.getString("mode").equals("pool") && e.getInt("threads") <= 2
                && e.getInt("queued") <= 2 && e.getInt("running") <= 2), statistics.toString());
    }

    /**
     * Issue 18: a Java busy handler registered after connecting, on a database the test holds locked. SQLite calls
     * it from inside the native call, so the waiting virtual thread pins its only carrier: without Baton a heartbeat
     * cannot tick at all during the wait; with Baton it ticks, and the handler runs where the call runs (managed:
     * the caller's virtual thread; pool: a pool thread, as a busy handler only decides how long to wait).
     */
    @Test
    void aJavaBusyHandlerWaitsWithoutStallingOtherVirtualThreads() throws Exception {
        Jdk jdk = jdk25Leg();
        Map<String, String> without = busyWait(jdk, "without", null, 3);
        assertEquals("0", without.get("ticks_during_busy_wait"), without.toString());
        Map<String, String> managed = busyWait(jdk, "managed", null, 120);
        assertTrue(Integer.parseInt(managed.get("ticks_during_busy_wait")) >= 20, managed.toString());
        assertEquals("vt-busy", managed.get("handler_thread"), managed.toString());
        Map<String, String> pool = busyWait(jdk, "pool", POOL_MODE, 120);
        assertTrue(Integer.parseInt(pool.get("ticks_during_busy_wait")) >= 20, pool.toString());
        assertTrue(pool.get("handler_thread").startsWith(POOL_THREAD_PREFIX), pool.toString());
        for (Map<String, String> run : List.of(without, managed, pool)) {
            assertEquals("rows 1", run.get("read"), run.toString());
            assertEquals("true", run.get("handler_called"), run.toString());
        }
    }

    private Map<String, String> busyWait(Jdk jdk, String name, String agentArgs, int waitSeconds) throws Exception {
        Path db = work.resolve(name + "-busy.db");
        String url = "jdbc:sqlite:" + db;
        try (Connection holder = DriverManager.getConnection(url); Statement s = holder.createStatement()) {
            s.executeUpdate("CREATE TABLE item (name TEXT)");
            s.executeUpdate("INSERT INTO item VALUES ('one')");
            s.execute("BEGIN EXCLUSIVE");
            ChildJvm child = child(jdk, name, agentArgs).property("jdk.virtualThreadScheduler.parallelism", 1)
                    .classPath(Artifacts.classPath(Artifacts.testClasses(), Artifacts.samplesClassPath()))
                    .main(BusyHandlerApp.class.getName(), db, waitSeconds, 20);
            if (name.equals("without")) {
                child.withoutAgent();
            }
            RunningJvm running = child.start();
            await().atMost(Duration.ofSeconds(waitSeconds + 120L))
                    .until(() -> running.stdout().contains("release") || !running.process().isAlive());
            s.execute("COMMIT");
            Result result = running.awaitExit(120);
            assertEquals(0, result.exitCode(), result.toString());
            return keyValues(result);
        }
    }

    private static Map<String, String> keyValues(Result result) {
        Map<String, String> values = new LinkedHashMap<>();
        result.stdout().lines().filter(l -> l.contains("=")).forEach(l -> {
            int eq = l.indexOf('=');
            values.put(l.substring(0, eq), l.substring(eq + 1).strip());
        });
        return values;
    }

    /** Cheap, so it runs in both legs: JDK 17 has no virtual threads and must get no offload hook at all. */
    @Test
    void offloadIsActiveOnlyWhereVirtualThreadsExist() throws Exception {
        Jdk jdk = Jdk.target();
        // sqlite off: its own hooks on the same driver classes would hide whether offload hooked anything.
        Result result = hello(jdk, true);
        String line = result.batonLines().get(0);
        // The start-up line counts the classes to rewrite when loaded; offload's are the driver's (JDBC3Statement...).
        int withoutOffload = hello(jdk, false).classesRewrittenWhenLoaded();
        if (jdk.feature() >= 21) {
            assertTrue(line.matches(".*active \\[[^]]*offload.*"), line);
            assertTrue(result.classesRewrittenWhenLoaded() > withoutOffload, line);
        } else {
            assertFalse(line.contains("offload"), line);
            assertEquals(withoutOffload, result.classesRewrittenWhenLoaded(), line);
        }
    }

    private Result hello(Jdk jdk, boolean offload) throws Exception {
        Result result = ChildJvm.on(jdk, work).property("baton.sqlite.enabled", false)
                .property("baton.offload.enabled", offload)
                .classPath(Artifacts.testClasses()).main(HelloApp.class.getName()).run(60);
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }
}
