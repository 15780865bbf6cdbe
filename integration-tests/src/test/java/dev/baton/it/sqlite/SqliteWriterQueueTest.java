package dev.baton.it.sqlite;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.apps.SqliteWriterProbe;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.KernelLocks;
import dev.baton.it.harness.RunningJvm;
import dev.baton.it.harness.RunningJvm.Result;

/**
 * The cross-process writer queue with real processes: writers of several Baton processes get a database in the order
 * they arrived, a writer killed with -9 frees the queue at once, and processes without Baton (or without a usable
 * queue file) share the file correctly. A waiter is known to be queued when the kernel lists it as blocked on the
 * queue file's turn byte (/proc/locks): a condition, not a pause.
 */
class SqliteWriterQueueTest {
    /** Byte of the queue file whose lock is the turn (see ProcessTurn). */
    private static final long TURN_BYTE = 128;
    /** Waiters must never give up in these tests: they wait for the test's signal, not for a clock. */
    private static final String PATIENT = "api=120000";

    @TempDir
    Path work;

    private Jdk jdk;

    @BeforeEach
    void targetJdk() {
        jdk = Jdk.target();
        Assumptions.assumeTrue(jdk.feature() == 17, "JDK-independent: JDK 17 leg only");
        Assumptions.assumeTrue(KernelLocks.available(), "no /proc/locks: cannot see who waits in the kernel");
    }

    @Test
    void writersOfSeveralProcessesGetTheDatabaseInArrivalOrder() throws Exception {
        Path db = database();
        RunningJvm holder = start("hold", db, "holder");
        awaitLine(holder, "holding");
        List<RunningJvm> writers = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            RunningJvm writer = start("write", db, "w" + i, PATIENT);
            awaitQueued(writer, db);
            writers.add(writer);
        }
        release(holder);
        assertEquals(0, holder.awaitExit(120).exitCode());
        for (int i = 0; i < writers.size(); i++) {
            Result result = writers.get(i).awaitExit(120);
            assertTrue(result.stdout().contains("wrote w" + (i + 1)), result.toString());
        }
        assertEquals(List.of("holder", "w1", "w2", "w3"), names(db));
    }

    @Test
    void aWriterKilledWithMinus9FreesTheQueueAtOnce() throws Exception {
        Path db = database();
        RunningJvm holder = start("hold", db, "holder");
        awaitLine(holder, "holding");
        RunningJvm waiter = start("write", db, "waiter", PATIENT);
        awaitQueued(waiter, db);
        holder.kill();
        // The waiter would wait for two minutes if the dead holder kept the turn or SQLite's lock.
        Result result = waiter.awaitExit(60);
        assertTrue(result.stdout().contains("wrote waiter"), result.toString());
        assertEquals(List.of("waiter"), names(db));
        assertEquals("ok", CounterWorkloadRun.queryString(db, "PRAGMA integrity_check"));
    }

    @Test
    void processesWithoutBatonWriteAlongsideCorrectly() throws Exception {
        Path db = work.resolve("mixed.db");
        CounterWorkloadRun.createSchema(db);
        // Processes 0 and 2 with Baton, 1 and 3 without: the latter may fail BUSY (as they would anyway), but
        // nothing any process reported as done may be missing, and Baton's processes must not fail.
        CounterWorkloadRun.Totals totals = CounterWorkloadRun.run(
                SqliteProcesses.on(jdk, work, db).withoutAgentIn(1, 3), 4, 4, 100);
        assertOverlapped(totals);
        for (int p : new int[] {0, 2}) {
            assertTrue(totals.results().get(p).stdout().lines().anyMatch(l -> l.startsWith("failures=0 ")),
                    totals.results().get(p).toString());
        }
        assertEquals(totals.rows(), CounterWorkloadRun.queryLong(db, "SELECT count(*) FROM items"));
        assertEquals(totals.increments(), CounterWorkloadRun.queryLong(db, "SELECT value FROM counter WHERE id = 1"));
        assertEquals("ok", CounterWorkloadRun.queryString(db, "PRAGMA integrity_check"));
    }

    @Test
    void withoutAUsableQueueFileSqliteAloneKeepsWritersCorrect() throws Exception {
        Path db = work.resolve("no-queue.db");
        CounterWorkloadRun.createSchema(db);
        Files.createDirectory(work.resolve("no-queue.db-baton-queue")); // Where the queue file would go.
        CounterWorkloadRun.Totals totals = CounterWorkloadRun.run(SqliteProcesses.on(jdk, work, db), 4, 4, 100);
        assertOverlapped(totals);
        assertEquals(0, totals.failures(), totals.results().toString());
        assertEquals(1600, CounterWorkloadRun.queryLong(db, "SELECT count(*) FROM items"));
        assertEquals(800, CounterWorkloadRun.queryLong(db, "SELECT value FROM counter WHERE id = 1"));
        assertEquals("ok", CounterWorkloadRun.queryString(db, "PRAGMA integrity_check"));
    }

    /** The processes' working periods overlap: they really shared the file at the same time. */
    static void assertOverlapped(CounterWorkloadRun.Totals totals) {
        long lastStart = 0;
        long firstEnd = Long.MAX_VALUE;
        for (Result result : totals.results()) {
            String out = result.stdout();
            lastStart = Math.max(lastStart, Long.parseLong(out.replaceAll("(?s).*start=(\\d+).*", "$1")));
            firstEnd = Math.min(firstEnd, Long.parseLong(out.replaceAll("(?s).*end=(\\d+).*", "$1")));
        }
        assertTrue(lastStart < firstEnd, "the processes ran one after another, not together: " + totals.results());
    }

    private Path database() throws SQLException {
        Path db = work.resolve("queue.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement statement = connection.createStatement()) {
            statement.execute(SqliteWriterProbe.SCHEMA);
        }
        return db;
    }

    private RunningJvm start(String mode, Path db, String name, String... more) throws IOException {
        List<Object> arguments = new ArrayList<>(List.of(mode, db, name));
        arguments.addAll(List.of(more));
        return SqliteProbe.child(jdk, work, SqliteWriterProbe.class, true, arguments.toArray()).named(name).start();
    }

    private static void awaitLine(RunningJvm jvm, String line) {
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            if (!jvm.process().isAlive()) {
                throw new AssertionError(jvm.awaitExit(1).toString());
            }
            return jvm.stdout().lines().anyMatch(line::equals);
        });
    }

    private static void awaitQueued(RunningJvm writer, Path db) {
        Path queue = db.resolveSibling(db.getFileName() + "-baton-queue");
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            if (!writer.process().isAlive()) {
                throw new AssertionError(writer.awaitExit(1).toString());
            }
            return KernelLocks.waiting(writer.pid(), queue, TURN_BYTE);
        });
    }

    private static void release(RunningJvm holder) throws IOException {
        OutputStream stdin = holder.process().getOutputStream();
        stdin.write("go\n".getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    private static List<String> names(Path db) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT name FROM log ORDER BY seq")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
