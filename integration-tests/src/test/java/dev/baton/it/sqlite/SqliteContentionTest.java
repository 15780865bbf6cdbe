package dev.baton.it.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.Recording;
import dev.baton.it.sqlite.CounterWorkloadRun.Totals;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Four processes with four threads each share one SQLite file with the driver's default settings, mixing autocommit
 * inserts and read-then-write transactions. Without Baton some operations fail with SQLITE_BUSY (the test proves
 * the bug exists); with Baton none fail and nothing is lost.
 */
class SqliteContentionTest {
    private static final int PROCESSES = 4;
    private static final int THREADS = 4;
    private static final int OPERATIONS = 200;
    private static final int ALL_OPERATIONS = PROCESSES * THREADS * OPERATIONS;

    @TempDir
    Path work;

    private Jdk jdk;

    @BeforeEach
    void targetJdk() {
        jdk = Jdk.target();
    }

    @Test
    void withoutBatonReadThenWriteTransactionsFailBusy() throws Exception {
        Path db = work.resolve("plain.db");
        CounterWorkloadRun.createSchema(db);
        Totals totals = CounterWorkloadRun.run(SqliteProcesses.on(jdk, work, db).agent(false), PROCESSES, THREADS,
                OPERATIONS);
        SqliteWriterQueueTest.assertOverlapped(totals);
        assertTrue(totals.failures() > 0, "expected SQLITE_BUSY failures without Baton: " + totals.results());
        assertTrue(totals.results().stream().anyMatch(r -> r.stderr().contains("SQLITE_BUSY")),
                totals.results().toString());
    }

    @Test
    void withBatonNothingFailsAndEveryRowAndIncrementIsThere() throws Exception {
        Path db = work.resolve("baton.db");
        CounterWorkloadRun.createSchema(db);
        Path jfr = work.resolve("worker0.jfr");
        Totals totals = CounterWorkloadRun.run(SqliteProcesses.on(jdk, work, db).recordFirstTo(jfr), PROCESSES,
                THREADS, OPERATIONS);

        assertEquals(0, totals.failures(), totals.results().toString());
        SqliteWriterQueueTest.assertOverlapped(totals);
        assertEquals(ALL_OPERATIONS, totals.rows());
        assertEquals(ALL_OPERATIONS, CounterWorkloadRun.queryLong(db, "SELECT count(*) FROM items"));
        assertEquals(ALL_OPERATIONS / 2, CounterWorkloadRun.queryLong(db, "SELECT value FROM counter WHERE id = 1"));
        assertEquals(ALL_OPERATIONS / 2,
                CounterWorkloadRun.queryLong(db, "SELECT count(*) FROM items WHERE kind = 'increment'"));
        assertEquals("ok", CounterWorkloadRun.queryString(db, "PRAGMA integrity_check"));
        for (var result : totals.results()) {
            assertTrue(result.batonLines().stream().noneMatch(l -> l.contains("WARN") || l.contains("ERROR")),
                    result.toString());
        }
        // The first process queued behind writers of the other processes: the cross-process queue was used.
        long self = totals.results().get(0).pid();
        List<RecordedEvent> waits = Recording.events(jfr, "baton.LockWait").stream()
                .filter(e -> "sqlite".equals(e.getString("scope"))).toList();
        assertTrue(waits.stream().anyMatch(e -> e.getLong("holderPid") != self),
                "worker0 never waited for another process's writer: " + waits.size() + " waits");
        assertTrue(waits.stream().allMatch(e -> "acquired".equals(e.getString("outcome"))), waits.toString());
        assertTrue(Recording.events(jfr, "baton.SqliteBusy").stream()
                .noneMatch(e -> "gave up".equals(e.getString("outcome"))));
    }
}
