package dev.baton.lock.postgres;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.config.BatonConfig;
import dev.baton.core.BatonContext;
import dev.baton.lock.LockBackends;
import dev.baton.lock.LockChild;
import dev.baton.lock.LockHandle;
import dev.baton.lock.LockService;
import dev.baton.lock.LockTimeoutException;
import dev.baton.lock.TimeoutPolicy;
import dev.baton.testsupport.PostgresServer;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * The PostgreSQL backend against a real server, within one JVM: two lock services are two sets of sessions, which
 * exclude each other exactly as two processes would (unlike two file services on one directory).
 */
class PostgresLockBackendTest {
    private static final Duration PROMPTLY = Duration.ofSeconds(20);
    private static PostgresBackendFixture backend;
    private static PostgresServer server;
    private static PgProbe probe;

    @TempDir
    Path temp;

    @BeforeAll
    static void startServer() throws Exception {
        dev.baton.testsupport.BatonEventTypes.register();
        backend = PostgresBackendFixture.start();
        server = backend.server();
        probe = backend.probe();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (backend != null) {
            backend.close();
        }
    }

    private LockService service(String name) throws Exception {
        return backend.service(temp.resolve(name));
    }

    @Test
    void servicesExcludeEachOtherAndAWaiterSeesThePeersDoneWork() throws Exception {
        try (LockService first = service("a"); LockService second = service("b")) {
            assertEquals("postgres", first.backendName());
            LockHandle held = first.acquire("download", "https://example.org/x.zip", "download",
                    TimeoutPolicy.FAIL);
            assertEquals(1, held.generation());
            CompletableFuture<Acquired> waiter = CompletableFuture.supplyAsync(() -> acquireAndRelease(second,
                    "download", "https://example.org/x.zip"));
            await().atMost(PROMPTLY).until(() -> probe.advisoryWaiters() == 1);
            assertFalse(waiter.isDone(), "the server says the second service waits, yet it got the lock");
            held.markDone();
            held.close();
            Acquired next = waiter.get(PROMPTLY.toSeconds(), TimeUnit.SECONDS);
            assertEquals(2, next.generation());
            assertTrue(next.peerCompletedWhileWaiting(), "the first holder marked done while we waited");
            assertEquals(ProcessHandle.current().pid(), next.previousPid());
        }
    }

    @Test
    void aHolderThatDidNotMarkDoneMakesTheNextOneRedoTheWork() throws Exception {
        try (LockService first = service("a"); LockService second = service("b")) {
            LockHandle held = first.acquire("install", "/opt/x", "install", TimeoutPolicy.FAIL);
            CompletableFuture<Acquired> waiter = CompletableFuture.supplyAsync(() -> acquireAndRelease(second,
                    "install", "/opt/x"));
            await().atMost(PROMPTLY).until(() -> probe.advisoryWaiters() == 1);
            held.close();
            Acquired next = waiter.get(PROMPTLY.toSeconds(), TimeUnit.SECONDS);
            assertFalse(next.peerCompletedWhileWaiting());
            assertEquals(2, next.generation());
        }
    }

    @Test
    void aTimedOutWaiterNamesTheHolderReadFromTheRow() throws Exception {
        try (LockService first = service("a"); LockService second = service("b");
                LockHandle held = first.acquire("s", "k", "npm install", TimeoutPolicy.FAIL)) {
            LockTimeoutException e = assertThrows(LockTimeoutException.class,
                    () -> second.acquire("s", "k", "npm install", Duration.ofMillis(200), TimeoutPolicy.FAIL));
            assertEquals(ProcessHandle.current().pid(), e.holder().pid());
            assertEquals("npm install", e.holder().purpose());
            assertTrue(e.getMessage().contains("advisory lock"), e.getMessage());
        }
    }

    @Test
    void independentKeysDoNotWaitAndSessionsAreReused() throws Exception {
        try (LockService locks = service("a")) {
            for (int i = 0; i < 20; i++) {
                try (LockHandle one = locks.acquire("s", "one", "p", TimeoutPolicy.FAIL);
                        LockHandle two = locks.acquire("s", "two", "p", TimeoutPolicy.FAIL)) {
                    assertEquals(i + 1, one.generation());
                    assertEquals(i + 1, two.generation());
                    assertEquals(2, probe.advisoryHolders());
                }
            }
            assertEquals(0, probe.advisoryHolders());
        }
    }

    @Test
    void pooledSessionsEndedByTheServerCostNoFailedAcquisition() throws Exception {
        try (LockService locks = service("a")) {
            try (LockHandle one = locks.acquire("s", "pool-1", "p", TimeoutPolicy.FAIL);
                    LockHandle two = locks.acquire("s", "pool-2", "p", TimeoutPolicy.FAIL)) {
                assertTrue(one.locked() && two.locked());
            }
            assertTrue(probe.terminateIdleBatonSessions() >= 2, "the pool should have kept both sessions");
            try (LockHandle again = locks.acquire("s", "pool-1", "p", TimeoutPolicy.FAIL)) {
                assertEquals(2, again.generation());
            }
        }
    }

    @Test
    void closingTheServiceEndsAWaitInTheServer() throws Exception {
        try (LockService first = service("a"); LockHandle held = first.acquire("s", "closing", "p",
                TimeoutPolicy.FAIL)) {
            LockService second = service("b");
            CompletableFuture<Acquired> waiter = CompletableFuture.supplyAsync(() -> acquireAndRelease(second, "s",
                    "closing"));
            await().atMost(PROMPTLY).until(() -> probe.advisoryWaiters() == 1);
            second.close();
            ExecutionException ended = assertThrows(ExecutionException.class,
                    () -> waiter.get(PROMPTLY.toSeconds(), TimeUnit.SECONDS));
            assertTrue(ended.getCause().getCause() instanceof IOException, ended.toString());
            // The server notices the aborted session within client_connection_check_interval; a retry on a fresh
            // session would stay queued.
            await().atMost(PROMPTLY).until(() -> probe.advisoryWaiters() == 0);
            assertTrue(held.locked());
        }
    }

    /** Role or database defaults that would cancel a wait or end a holder's idle session are overridden. */
    @Test
    void sessionSettingsOverrideDefaultsThatWouldEndWaitsOrHolds() throws Exception {
        probe.execute("ALTER ROLE " + PostgresServer.USER + " SET lock_timeout = '1s'");
        probe.execute("ALTER ROLE " + PostgresServer.USER + " SET statement_timeout = '1s'");
        probe.execute("ALTER ROLE " + PostgresServer.USER + " SET idle_session_timeout = '1s'");
        try (Connection session = new PostgresConnector(new PostgresSettings(server.jdbcUrl(),
                PostgresServer.USER, null)).connect(); Statement statement = session.createStatement()) {
            for (String setting : List.of("lock_timeout", "statement_timeout", "idle_session_timeout")) {
                try (ResultSet value = statement.executeQuery("SHOW " + setting)) {
                    value.next();
                    assertEquals("0", value.getString(1), setting);
                }
            }
        } finally {
            probe.execute("ALTER ROLE " + PostgresServer.USER + " RESET ALL");
        }
    }

    @Test
    void aLostSessionIsReportedOnceAndFreesTheLockForOthers() throws Exception {
        Path jfr = temp.resolve("lost.jfr");
        try (Recording recording = new Recording(); LockService first = service("a");
                LockService second = service("b")) {
            recording.enable("baton.Fallback");
            recording.start();
            LockHandle held = first.acquire("s", "lost", "p", TimeoutPolicy.FAIL);
            assertEquals(1, probe.terminateHolders());
            ((PostgresLockBackend) first.backend()).watchdog().checkAll();
            ((PostgresLockBackend) first.backend()).watchdog().checkAll(); // A second look reports nothing new.
            try (LockHandle next = second.acquire("s", "lost", "p", PROMPTLY, TimeoutPolicy.FAIL)) {
                assertEquals(2, next.generation());
            }
            held.markDone(); // Neither throws nor reports again.
            held.close();
            recording.stop();
            recording.dump(jfr);
        }
        List<RecordedEvent> lost = RecordingFile.readAllEvents(jfr).stream()
                .filter(e -> e.getEventType().getName().equals("baton.Fallback")).toList();
        assertEquals(1, lost.size(), lost.toString());
        assertEquals(ConnectionLoss.SITE, lost.get(0).getString("site"));
    }

    @Test
    void eventsNameThePostgresBackend() throws Exception {
        Path jfr = temp.resolve("events.jfr");
        try (Recording recording = new Recording(); LockService locks = service("a")) {
            recording.enable("baton.LockWait");
            recording.enable("baton.LockHold").withThreshold(Duration.ZERO);
            recording.start();
            locks.acquire("s", "events", "p", TimeoutPolicy.FAIL).close();
            recording.stop();
            recording.dump(jfr);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(jfr).stream()
                .filter(e -> e.getEventType().getName().startsWith("baton.Lock")).toList();
        assertEquals(2, events.size(), events.toString());
        events.forEach(e -> assertEquals("postgres", e.getString("backend")));
    }

    @Test
    void unreachableOrWrongDatabaseIsAClearErrorAndNoLockIsTaken() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String unreachable = "jdbc:postgresql://127.0.0.1:" + closedPort + "/postgres";
        IOException refused = assertThrows(IOException.class, () -> serviceAt(unreachable));
        assertTrue(refused.getMessage().contains("baton.lock.backend=postgres cannot use " + unreachable),
                refused.getMessage());

        String noSuchDatabase = server.jdbcUrl().replace("/postgres", "/nope") + "?password=secret";
        IOException missing = assertThrows(IOException.class, () -> serviceAt(noSuchDatabase));
        assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
        assertFalse(missing.getMessage().contains("secret"), "query parameters may carry a password");

        BatonConfig notAUrl = BatonConfig.load("lock.backend=postgres,lock.postgres.url=postgres://h/db",
                Map.of(), Map.of());
        IOException scheme = assertThrows(IOException.class, () -> new BatonContext(notAUrl, null).lockService());
        assertTrue(scheme.getMessage().contains("jdbc:postgresql:"), scheme.getMessage());
    }

    @Test
    void passwordFileIsRead() throws Exception {
        Path passwordFile = temp.resolve("pw");
        Files.writeString(passwordFile, "s3cret\nignored\n");
        BatonConfig config = BatonConfig.load("lock.backend=postgres,lock.postgres.url=" + server.jdbcUrl()
                + ",lock.postgres.user=baton,lock.postgres.password=inline,lock.postgres.passwordFile="
                + passwordFile, Map.of(), Map.of());
        PostgresSettings settings = PostgresSettings.from(config);
        assertEquals("s3cret", settings.password());
        assertFalse(settings.toString().contains("s3cret"));
        try (LockService locks = LockBackends.service(config)) { // Trust authentication ignores the password.
            locks.acquire("s", "pw", "p", TimeoutPolicy.FAIL).close();
        }
    }

    private LockService serviceAt(String url) throws IOException {
        return LockBackends.service(BatonConfig.load("lock.backend=postgres,lock.dir=" + temp.resolve("x")
                + ",lock.postgres.user=" + PostgresServer.USER + ",lock.postgres.url=" + url, Map.of(), Map.of()));
    }

    /**
     * Startup cost: a JVM on the file backend must not load a single pgjdbc class, although the PostgreSQL backend
     * is on this class path too (in the agent it is in another jar); the postgres run is the control that shows the
     * check can see them.
     */
    @Test
    void theFileBackendLoadsNoPostgresClass() throws Exception {
        assertFalse(loadsPgjdbc("lock.backend=file,lock.dir=" + temp.resolve("lazy-file")),
                "the file backend loaded pgjdbc classes");
        assertTrue(loadsPgjdbc(backend.config(temp.resolve("lazy-postgres"))),
                "control: the postgres backend loads pgjdbc");
    }

    private boolean loadsPgjdbc(String config) throws Exception {
        Path log = temp.resolve("classes-" + config.hashCode() + ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                LockChild.class.getName(), "count", config, temp.resolve("lazy-counter").toString(), "1");
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), out);
        return Files.readString(log).contains("org.postgresql.");
    }

    /** What a waiter saw; a handle is closed on the thread that took it, so the waiter releases itself. */
    record Acquired(long generation, boolean peerCompletedWhileWaiting, long previousPid) {
    }

    private static Acquired acquireAndRelease(LockService locks, String scope, String key) {
        try (LockHandle lock = locks.acquire(scope, key, scope, PROMPTLY, TimeoutPolicy.FAIL)) {
            return new Acquired(lock.generation(), lock.peerCompletedWhileWaiting(), lock.previousRecord().pid());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
