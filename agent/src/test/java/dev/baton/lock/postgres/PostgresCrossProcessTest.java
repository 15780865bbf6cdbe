package dev.baton.lock.postgres;

import dev.baton.lock.ChildJvm;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.lock.LockHandle;
import dev.baton.lock.LockService;
import dev.baton.lock.TimeoutPolicy;

/**
 * Child JVMs on the PostgreSQL backend, each with its OWN baton.lock.dir, sharing one working directory: only the
 * database can make them exclude each other, as for workers on several machines sharing an NFS directory.
 */
class PostgresCrossProcessTest {
    private static final Duration PROMPTLY = Duration.ofSeconds(20);
    private static PostgresServer server;
    private static PgProbe probe;

    @TempDir
    Path temp;
    final List<ChildJvm> children = new ArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServer.start();
        probe = new PgProbe(server.jdbcUrl());
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void stopChildren() {
        children.forEach(ChildJvm::close);
    }

    private ChildJvm child(String name, String... modeAndArgs) throws IOException {
        ChildJvm child = PgChild.launch("postgres", server.jdbcUrl(), temp.resolve("locks-" + name),
                modeAndArgs);
        children.add(child);
        return child;
    }

    /** N JVMs read-increment-write one shared file under the lock; a lost update shows as a smaller total. */
    @Test
    void processesWithSeparateLockDirectoriesLoseNoUpdate() throws Exception {
        int processes = 4;
        int increments = 100;
        Path counter = temp.resolve("shared").resolve("counter");
        Files.createDirectories(counter.getParent());
        List<ChildJvm> counters = new ArrayList<>();
        // This JVM holds the lock until every child waits for it in the server, so they provably overlap.
        try (LockService gate = PgChild.service("postgres", server.jdbcUrl(), temp.resolve("locks-gate"));
                LockHandle held = gate.acquire(PgChild.SCOPE, "counter", "gate", TimeoutPolicy.FAIL)) {
            for (int i = 0; i < processes; i++) {
                counters.add(child("counter-" + i, "count", counter.toString(), Integer.toString(increments)));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> probe.advisoryWaiters() == processes);
        }
        for (ChildJvm c : counters) {
            c.awaitLine("COUNTED");
            assertEquals(0, c.awaitExit());
        }
        assertEquals(processes * increments, Long.parseLong(Files.readString(counter).trim()));
    }

    @Test
    void killingTheHolderFreesTheLock() throws Exception {
        ChildJvm holder = child("holder", "hold", PgChild.SCOPE, "crash");
        holder.awaitLine("HELD 1");
        try (LockService locks = PgChild.service("postgres", server.jdbcUrl(), temp.resolve("locks-me"))) {
            CompletableFuture<Long> acquired = CompletableFuture.supplyAsync(() -> {
                try (LockHandle lock = locks.acquire(PgChild.SCOPE, "crash", "test", Duration.ofSeconds(60),
                        TimeoutPolicy.FAIL)) {
                    return lock.generation();
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(PROMPTLY).until(() -> probe.advisoryWaiters() == 1);
            assertFalse(acquired.isDone(), "the holder is alive, yet the waiter got the lock");
            holder.process().destroyForcibly(); // SIGKILL: no shutdown hook, no release.
            assertEquals(2, acquired.get(PROMPTLY.toSeconds(), TimeUnit.SECONDS),
                    "the server ended the dead holder's session and handed the lock over");
        }
    }

    @Test
    void aWaiterInAnotherProcessSeesThatThePeerCompleted() throws Exception {
        ChildJvm holder = child("holder", "hold", PgChild.SCOPE, "fetch");
        holder.awaitLine("HELD 1");
        ChildJvm waiter = child("waiter", "wait", PgChild.SCOPE, "fetch");
        waiter.awaitLine("WAITING");
        await().atMost(PROMPTLY).until(() -> probe.advisoryWaiters() == 1);
        holder.send("done");
        holder.send("release");
        holder.awaitLine("RELEASED");
        String[] acquired = waiter.awaitLine("ACQUIRED ").split(" ");
        assertEquals("true", acquired[2], "peerCompletedWhileWaiting");
        assertEquals("2", acquired[3], "generation");

        // The same key again, now without "done": the next waiter must redo the work.
        ChildJvm secondHolder = child("holder2", "hold", PgChild.SCOPE, "fetch");
        secondHolder.awaitLine("HELD 3");
        ChildJvm secondWaiter = child("waiter2", "wait", PgChild.SCOPE, "fetch");
        secondWaiter.awaitLine("WAITING");
        await().atMost(PROMPTLY).until(() -> probe.advisoryWaiters() == 1);
        secondHolder.send("release");
        String[] redo = secondWaiter.awaitLine("ACQUIRED ").split(" ");
        assertEquals("false", redo[2], "peerCompletedWhileWaiting");
        assertEquals("4", redo[3], "generation");
    }

    /**
     * Startup cost: a JVM on the file backend must not load a single pgjdbc class; the postgres run is the control
     * that shows the check can see them.
     */
    @Test
    void theFileBackendLoadsNoPostgresClass() throws Exception {
        assertFalse(loadsPgjdbc("file"), "the file backend loaded pgjdbc classes");
        assertTrue(loadsPgjdbc("postgres"), "control: the postgres backend loads pgjdbc");
    }

    private boolean loadsPgjdbc(String backend) throws Exception {
        Path log = temp.resolve("classes-" + backend + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                PgChild.class.getName(), backend, server.jdbcUrl(), temp.resolve("lazy-" + backend).toString(),
                "count", temp.resolve("lazy-counter-" + backend).toString(), "1"));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return Files.readString(log).contains("org.postgresql.");
    }
}
