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

import dev.baton.it.apps.SqliteWriterProbe;
import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.Recording;
import dev.baton.it.harness.RunningJvm.Result;
import jdk.jfr.consumer.RecordedEvent;

/**
 * The writer queue never deadlocks and never makes a writer fail: with many writers of one JVM (the in-JVM gate),
 * with virtual threads whose calls Baton offloads to its pool (JDK 25), and with one thread holding two connections
 * to one file (the second must get BUSY after its busy timeout, as without Baton, not wait forever).
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

    @Test
    void virtualThreadWritersWhoseCallsAreOffloadedFinishWithoutErrors() throws Exception {
        Assumptions.assumeTrue(jdk.feature() >= 21, "virtual threads need JDK 21+: this runs in the JDK 25 leg");
        Path db = work.resolve("virtual.db");
        CounterWorkloadRun.createSchema(db);
        CounterWorkloadRun.Totals totals = CounterWorkloadRun.run(SqliteProcesses.on(jdk, work, db)
                .threads("v16"), 2, 16, 50);
        SqliteWriterQueueTest.assertOverlapped(totals);
        assertEquals(0, totals.failures(), totals.results().toString());
        assertEquals(1600, CounterWorkloadRun.queryLong(db, "SELECT count(*) FROM items"));
        assertEquals(800, CounterWorkloadRun.queryLong(db, "SELECT value FROM counter WHERE id = 1"));
    }

    @Test
    void aThreadHoldingTwoConnectionsToOneFileGetsBusyAsWithoutBaton() throws Exception {
        Assumptions.assumeTrue(jdk.feature() == 17, "JDK-independent: JDK 17 leg only");
        assertEquals("second=busy first=committed", twoConnections(true));
        assertEquals("second=busy first=committed", twoConnections(false));
    }

    private String twoConnections(boolean agent) throws Exception {
        Path db = work.resolve("two-" + agent + ".db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement statement = connection.createStatement()) {
            statement.execute(SqliteWriterProbe.SCHEMA);
        }
        ChildJvm child = ChildJvm.on(jdk, work).named("two-" + agent)
                .classPath(Artifacts.classPath(Artifacts.samplesClassPath(), Artifacts.testClasses()))
                .main(SqliteWriterProbe.class.getName(), "two", db, "t");
        if (!agent) {
            child.withoutAgent();
        }
        Result result = child.run(120);
        assertEquals(0, result.exitCode(), result.toString());
        return result.stdout().strip();
    }
}
