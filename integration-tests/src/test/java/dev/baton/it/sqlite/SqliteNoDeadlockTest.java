package dev.baton.it.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.baton.it.apps.SqliteWriterProbe;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.Recording;
import dev.baton.it.harness.RunningJvm.Result;
import jdk.jfr.consumer.RecordedEvent;

/**
 * The writer queue never deadlocks and never makes a writer fail: with many writers of one JVM (the in-JVM gate),
 * with virtual threads whose calls Baton offloads to its pool (JDK 25), and with one thread holding two connections
 * to one file (the second must get BUSY after its busy timeout, as without Baton, not wait forever, and Baton's
 * give-up line must name this process, not a writer outside the queue).
 */
class SqliteNoDeadlockTest {
    @TempDir
    Path work;

    private Jdk jdk;

    @BeforeEach
    void targetJdk() {
        jdk = Jdk.target();
    }

    @Test
    void manyWritersOfOneJvmNeverFailAndNoneGivesUpOnTheGate() throws Exception {
        Assumptions.assumeTrue(jdk.feature() == 17, "JDK-independent: JDK 17 leg only");
        Path db = work.resolve("gate.db");
        CounterWorkloadRun.createSchema(db);
        Path jfr = work.resolve("gate.jfr");
        CounterWorkloadRun.Totals totals = CounterWorkloadRun.run(SqliteProcesses.on(jdk, work, db)
                .recordFirstTo(jfr), 1, 16, 100);
        assertEquals(0, totals.failures(), totals.results().toString());
        assertEquals(1600, CounterWorkloadRun.queryLong(db, "SELECT count(*) FROM items"));
        assertEquals(800, CounterWorkloadRun.queryLong(db, "SELECT value FROM counter WHERE id = 1"));
        List<RecordedEvent> waits = Recording.events(jfr, "baton.LockWait").stream()
                .filter(e -> "sqlite".equals(e.getString("scope"))).toList();
        assertFalse(waits.isEmpty(), "16 writers of one JVM never queued: the test proves nothing");
        assertTrue(waits.stream().allMatch(e -> "acquired".equals(e.getString("outcome"))),
                "a writer gave up waiting for the gate: " + waits.stream()
                        .filter(e -> !"acquired".equals(e.getString("outcome"))).toList());
    }

    /**
     * Both offload modes: managed blocking (the default: calls stay on their virtual thread) and Baton's elastic
     * pool, where a writer waiting in the queue holds a pool thread (with the old fixed pool of 2 threads, the
     * holder's COMMIT found no thread and every writer waited out its busy timeout).
     */
    @ParameterizedTest
    @ValueSource(strings = {"offload.mode=auto", "offload.mode=pool"})
    void virtualThreadWritersWhoseCallsAreOffloadedFinishWithoutErrors(String offloadMode) throws Exception {
        Assumptions.assumeTrue(jdk.feature() >= 21, "virtual threads need JDK 21+: this runs in the JDK 25 leg");
        Path db = work.resolve("virtual.db");
        CounterWorkloadRun.createSchema(db);
        CounterWorkloadRun.Totals totals = CounterWorkloadRun.run(SqliteProcesses.on(jdk, work, db)
                .threads("v16").agentArgs(offloadMode), 2, 16, 50);
        SqliteWriterQueueTest.assertOverlapped(totals);
        assertEquals(0, totals.failures(), totals.results().toString());
        assertEquals(1600, CounterWorkloadRun.queryLong(db, "SELECT count(*) FROM items"));
        assertEquals(800, CounterWorkloadRun.queryLong(db, "SELECT value FROM counter WHERE id = 1"));
    }

    @Test
    void aThreadHoldingTwoConnectionsToOneFileGetsBusyAsWithoutBaton() throws Exception {
        Assumptions.assumeTrue(jdk.feature() == 17, "JDK-independent: JDK 17 leg only");
        Result with = twoConnections(true);
        assertEquals("second=busy first=committed", with.stdout().strip());
        assertEquals("second=busy first=committed", twoConnections(false).stdout().strip());
        // The line must not blame a writer outside the queue: the lock is this process's own first connection's.
        List<String> lines = with.batonLines().stream().filter(l -> l.contains("gave up")).toList();
        assertEquals(1, lines.size(), with.toString());
        assertTrue(lines.get(0).contains("held by another writer of this process, pid " + with.pid() + " on host "),
                lines.get(0));
    }

    private Result twoConnections(boolean agent) throws Exception {
        Path db = work.resolve("two-" + agent + ".db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement statement = connection.createStatement()) {
            statement.execute(SqliteWriterProbe.SCHEMA);
        }
        return SqliteProbe.run(jdk, work, SqliteWriterProbe.class, agent, "two", db, "t");
    }
}
