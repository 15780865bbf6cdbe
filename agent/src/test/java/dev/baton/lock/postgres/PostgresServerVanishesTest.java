package dev.baton.lock.postgres;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.lock.BackendUnavailableException;
import dev.baton.lock.LockChild;
import dev.baton.lock.LockHandle;
import dev.baton.lock.LockId;
import dev.baton.lock.LockService;
import dev.baton.lock.LockTimeoutException;
import dev.baton.lock.TimeoutPolicy;
import dev.baton.testsupport.PostgresServer;

/**
 * A lock server that vanishes while this JVM waits for a lock in it (issue 20): noticed within
 * baton.lock.postgres.serverTimeout, then the purpose's timeout policy applies (fail: the caller's exception names
 * key and holder; proceed: it goes on unlocked). A server that comes back in time, or that merely lost the waiting
 * session, costs only the wait's place in the queue. Each test waits forever by baton.lock.timeout, so only the
 * server timeout can end the wait. The tests stop, freeze and restart a server of their own.
 */
class PostgresServerVanishesTest {
    private static final Duration LONG = Duration.ofSeconds(90);
    private static final String SCOPE = "vanish";

    private static PostgresBackendFixture backend;
    private static PostgresServer server;

    @TempDir
    Path temp;

    @BeforeAll
    static void startServer() throws Exception {
        backend = PostgresBackendFixture.start();
        server = backend.server();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (backend != null) {
            backend.close();
        }
    }

    private LockService service(String name, String serverTimeout) throws IOException {
        return LockChild.service(backend.config(temp.resolve(name)) + ",lock.postgres.serverTimeout="
                + serverTimeout);
    }

    private static CompletableFuture<LockHandle> waitFor(LockService locks, String key, String purpose,
            TimeoutPolicy policy) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                LockHandle handle = locks.acquire(SCOPE, key, purpose, Duration.ZERO, policy);
                handle.close(); // Handles are closed by the thread that took them.
                return handle;
            } catch (IOException | InterruptedException e) {
                throw new CompletionException(e);
            }
        });
    }

    private static void awaitWaiting(String key, int sessions) {
        await().atMost(LONG).until(() -> backend.probe().advisoryWaiters(LockId.of(SCOPE, key)) == sessions);
    }

    /** SIGSTOP of every server process: sockets stay open, nothing answers, OS keepalives would be answered. */
    @Test
    void aServerThatStopsAnsweringEndsWaitsWithEachPurposesPolicy() throws Exception {
        try (LockService holder = service("holder", "30s"); LockService installs = service("installs", "3s");
                LockService downloads = service("downloads", "3s");
                LockHandle held = holder.acquire(SCOPE, "frozen", "npm install", TimeoutPolicy.FAIL)) {
            CompletableFuture<LockHandle> install = waitFor(installs, "frozen", "install", TimeoutPolicy.FAIL);
            CompletableFuture<LockHandle> download = waitFor(downloads, "frozen", "download", TimeoutPolicy.PROCEED);
            awaitWaiting("frozen", 2);
            try {
                server.freeze();
                ExecutionException failed = assertThrows(ExecutionException.class,
                        () -> install.get(LONG.toSeconds(), TimeUnit.SECONDS));
                LockTimeoutException e = assertInstanceOf(LockTimeoutException.class, failed.getCause());
                assertTrue(e.getMessage().contains("frozen"), e.getMessage());
                assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), "names the holder: "
                        + e.getMessage());
                assertTrue(e.getMessage().contains("baton.lock.postgres.serverTimeout"), e.getMessage());
                assertInstanceOf(BackendUnavailableException.class, e.getCause());
                assertFalse(download.get(LONG.toSeconds(), TimeUnit.SECONDS).locked(), "proceed goes on unlocked");
            } finally {
                server.thaw();
            }
            assertTrue(held.locked());
        }
    }

    /** A crash without a restart: the waiting session's socket closes at once, reconnecting fails until timeout. */
    @Test
    void aServerThatCrashedAndStaysDownEndsTheWaitWithThePolicy() throws Exception {
        try (LockService holder = service("holder", "30s"); LockService waiter = service("waiter", "3s")) {
            LockHandle held = holder.acquire(SCOPE, "crashed", "hold", TimeoutPolicy.FAIL);
            CompletableFuture<LockHandle> install = waitFor(waiter, "crashed", "install", TimeoutPolicy.FAIL);
            awaitWaiting("crashed", 1);
            server.stopNow();
            try {
                ExecutionException failed = assertThrows(ExecutionException.class,
                        () -> install.get(LONG.toSeconds(), TimeUnit.SECONDS));
                LockTimeoutException e = assertInstanceOf(LockTimeoutException.class, failed.getCause());
                assertInstanceOf(BackendUnavailableException.class, e.getCause());
            } finally {
                server.startAgain();
            }
            held.close();
        }
    }

    /** A restart within the server timeout: the wait resumes on a new session and gets the lock once it is free. */
    @Test
    void aWaitSurvivesARestartOfTheServer() throws Exception {
        try (LockService holder = service("holder", "30s"); LockService waiter = service("waiter", "2m")) {
            LockHandle held = holder.acquire(SCOPE, "restart", "hold", TimeoutPolicy.FAIL);
            CompletableFuture<LockHandle> install = waitFor(waiter, "restart", "install", TimeoutPolicy.FAIL);
            awaitWaiting("restart", 1);
            server.stopNow();
            server.startAgain();
            // The holder's session ended with the old server, and with it its lock: the waiter takes it.
            LockHandle handle = install.get(LONG.toSeconds(), TimeUnit.SECONDS);
            assertTrue(handle.locked());
            assertEquals(2, handle.generation(), "the row outlived the restart");
            held.close();
        }
    }

    /**
     * The server ends the waiting session (a firewall forgot the idle connection) and the client never hears of
     * it: the watchdog finds the session missing on the server and the wait resumes on a new one.
     */
    @Test
    void aWaitWhoseSessionTheServerForgotResumesOnANewSession() throws Exception {
        try (SilentDropProxy proxy = new SilentDropProxy(server.port());
                LockService holder = service("holder", "30s");
                LockService waiter = LockChild.service(backend.config(temp.resolve("waiter")).replace(
                        ":" + server.port() + "/", ":" + proxy.port() + "/") + ",lock.postgres.serverTimeout=6s")) {
            LockHandle held = holder.acquire(SCOPE, "forgotten", "hold", TimeoutPolicy.FAIL);
            CompletableFuture<LockHandle> install = waitFor(waiter, "forgotten", "install", TimeoutPolicy.FAIL);
            awaitWaiting("forgotten", 1);
            List<Integer> first = backend.probe().waitingPids(LockId.of(SCOPE, "forgotten"));
            proxy.dropServerSides();
            await().atMost(LONG).until(() -> {
                List<Integer> now = backend.probe().waitingPids(LockId.of(SCOPE, "forgotten"));
                return now.size() == 1 && !now.equals(first);
            });
            assertFalse(install.isDone(), "the holder still has the lock");
            held.close();
            LockHandle handle = install.get(LONG.toSeconds(), TimeUnit.SECONDS);
            assertTrue(handle.locked());
            assertNotEquals(first, backend.probe().waitingPids(LockId.of(SCOPE, "forgotten")));
        }
    }
}
