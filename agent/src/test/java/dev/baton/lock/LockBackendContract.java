package dev.baton.lock;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every lock backend must do, between real processes: one test class per backend extends this and says how
 * to start it ({@link BackendFixture}). Child JVMs run {@link LockChild}, each with its own lock directory, so
 * they exclude each other only through the backend (the file backend shares its one directory by design).
 *
 * <p>Exclusion, a killed holder, the double-check (did a peer finish while I waited?), timeouts and their policies,
 * the order waiters are served in, and the service's handling of waits it gives up (abandoned, unclaimed,
 * interrupted), which each backend must survive without losing or keeping a lock.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LockBackendContract {
    private static final String SCOPE = LockChild.SCOPE;
    private static final Duration PROMPTLY = Duration.ofSeconds(30);
    private static final Duration LONG = Duration.ofSeconds(90);

    private BackendFixture backend;
    @TempDir
    Path temp;
    private LockService locks;
    private final List<ChildJvm> children = new ArrayList<>();
    private final List<LockingThread> lockingThreads = new ArrayList<>();

    /** Starts the backend for this class's tests (a server, a directory). */
    protected abstract BackendFixture startBackend() throws Exception;

    @BeforeAll
    void startBackendOnce() throws Exception {
        backend = startBackend();
    }

    @AfterAll
    void stopBackend() throws Exception {
        if (backend != null) {
            backend.close();
        }
    }

    @BeforeEach
    void startService() throws IOException {
        locks = backend.service(temp.resolve("this-jvm"));
        assertEquals(backend.name(), locks.backendName());
    }

    @AfterEach
    void stopEverything() throws IOException {
        children.forEach(ChildJvm::close);
        lockingThreads.forEach(LockingThread::close);
        locks.close();
    }

    private ChildJvm child(String name, String mode, String... args) throws IOException {
        ChildJvm child = backend.child(temp.resolve("child-" + name), mode, args);
        children.add(child);
        return child;
    }

    private ChildJvm holder(String name, String key) throws Exception {
        ChildJvm child = child(name, "hold", SCOPE, key);
        child.awaitLine("HELD");
        return child;
    }

    private LockingThread acquireInThread(String key, Duration timeout, TimeoutPolicy policy) {
        LockingThread thread = new LockingThread(locks, SCOPE, key, timeout, policy);
        lockingThreads.add(thread);
        return thread;
    }

    private void awaitBlockedWaiters(String key, long count) {
        await().atMost(LONG).until(() -> backend.blockedWaiters(SCOPE, key) == count);
    }

    /**
     * N JVMs read-increment-write one file under the lock; a single lost update shows as a smaller total. This JVM
     * holds the lock until every child is blocked waiting for it in the backend, so all of them provably overlap.
     */
    @Test
    void processesIncrementingUnderTheLockLoseNoUpdate() throws Exception {
        int processes = 4;
        int increments = 100;
        Path counter = Files.createDirectories(temp.resolve("shared")).resolve("counter");
        List<ChildJvm> counters = new ArrayList<>();
        try (LockHandle startingGate = locks.acquire(SCOPE, "counter", "gate", TimeoutPolicy.FAIL)) {
            for (int i = 0; i < processes; i++) {
                counters.add(child("counter-" + i, "count", counter.toString(), Integer.toString(increments)));
            }
            awaitBlockedWaiters("counter", processes);
        }
        for (ChildJvm c : counters) {
            c.awaitLine("COUNTED");
            assertEquals(0, c.awaitExit());
        }
        assertEquals(Integer.toString(processes * increments), Files.readString(counter).trim());
        try (LockHandle lock = locks.acquire(SCOPE, "counter", "check", TimeoutPolicy.FAIL)) {
            assertEquals(1 + processes * increments + 1, lock.generation(), "the gate, every increment, this check");
        }
    }

    @Test
    void killedHolderReleasesTheLockToAWaiter() throws Exception {
        ChildJvm child = holder("holder", "crash");
        LockingThread waiter = acquireInThread("crash", Duration.ZERO, TimeoutPolicy.FAIL);
        awaitBlockedWaiters("crash", 1);
        assertFalse(waiter.handle().isDone());

        child.process().destroyForcibly(); // SIGKILL: no shutdown hook, no release.

        LockHandle handle = waiter.awaitHandle();
        assertTrue(handle.locked());
        assertEquals(child.pid(), handle.previousRecord().pid());
        assertEquals(LockState.IN_PROGRESS, handle.previousRecord().state(), "the killed holder never finished");
        assertFalse(handle.peerCompletedWhileWaiting());
        assertEquals(2, handle.generation());
        waiter.release();
    }

    /** The double-check: a waiter learns whether the holder it waited for finished the work, without clocks. */
    @Test
    void waiterLearnsWhetherAnotherProcessCompletedTheKey() throws Exception {
        ChildJvm finisher = holder("finisher", "jdk");
        LockingThread waiter = acquireInThread("jdk", LONG, TimeoutPolicy.FAIL);
        awaitBlockedWaiters("jdk", 1);
        finisher.send("done");
        finisher.send("release");
        finisher.awaitLine("RELEASED");
        LockHandle handle = waiter.awaitHandle();
        assertTrue(handle.peerCompletedWhileWaiting());
        assertTrue(handle.waitedForAnother(), "it waited for the finisher");
        assertEquals(finisher.pid(), handle.previousRecord().pid());
        assertEquals(LockState.DONE, handle.previousRecord().state());
        waiter.release();

        ChildJvm quitter = holder("quitter", "jdk");
        LockingThread second = acquireInThread("jdk", LONG, TimeoutPolicy.FAIL);
        awaitBlockedWaiters("jdk", 1);
        quitter.send("release"); // Without "done": the next holder must redo the work.
        quitter.awaitLine("RELEASED");
        LockHandle redo = second.awaitHandle();
        assertFalse(redo.peerCompletedWhileWaiting());
        assertEquals(LockState.IN_PROGRESS, redo.previousRecord().state());
        assertEquals(4, redo.generation());
        second.release();

        LockingThread free = acquireInThread("jdk", LONG, TimeoutPolicy.FAIL);
        assertFalse(free.awaitHandle().waitedForAnother(), "the lock was free");
        free.release();
    }

    @Test
    void timeoutAgainstAnotherProcessNamesItAndAppliesThePolicy() throws Exception {
        ChildJvm child = holder("holder", "slow");
        Exception e = assertThrows(ExecutionException.class,
                () -> acquireInThread("slow", Duration.ofMillis(300), TimeoutPolicy.FAIL).awaitHandle());
        assertTrue(e.getCause() instanceof LockTimeoutException, e.toString());
        assertTrue(e.getCause().getMessage().contains("pid " + child.pid()), e.getCause().getMessage());
        assertTrue(e.getCause().getMessage().contains("slow"), e.getCause().getMessage());

        LockHandle proceed = acquireInThread("slow", Duration.ofMillis(300), TimeoutPolicy.PROCEED).awaitHandle();
        assertFalse(proceed.locked());
    }

    /** Threads of one JVM waiting behind another process's holder get the lock in the order they asked. */
    @Test
    void threadsOfOneProcessAreServedInArrivalOrder() throws Exception {
        ChildJvm child = holder("holder", "order");
        List<Integer> served = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> threads = new ArrayList<>();
        int waiters = 4;
        for (int i = 0; i < waiters; i++) {
            int index = i;
            threads.add(CompletableFuture.runAsync(() -> {
                try (LockHandle lock = locks.acquire(SCOPE, "order", "order-" + index, TimeoutPolicy.FAIL)) {
                    served.add(index);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            if (index == 0) {
                awaitBlockedWaiters("order", 1); // The first waits in the backend ...
            } else {
                // ... the others queue behind it in this JVM, in the order they came.
                await().atMost(PROMPTLY).until(() -> locks.queueLength(SCOPE, "order") == index);
            }
        }
        child.send("release");
        CompletableFuture.allOf(threads.toArray(new CompletableFuture[0])).get(LONG.toSeconds(), TimeUnit.SECONDS);
        assertEquals(List.of(0, 1, 2, 3), served);
    }

    /** Where the backend promises it (the PostgreSQL server queues waiters), processes are served in order too. */
    @Test
    void processesAreServedInArrivalOrderWhereTheBackendQueues() throws Exception {
        Assumptions.assumeTrue(backend.fifoAcrossProcesses(), "the " + backend.name() + " backend wakes waiting"
                + " processes in no particular order");
        ChildJvm child = holder("holder", "queue");
        List<ChildJvm> waiters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ChildJvm waiter = child("waiter-" + i, "wait", SCOPE, "queue");
            waiter.awaitLine("WAITING");
            awaitBlockedWaiters("queue", i + 1);
            waiters.add(waiter);
        }
        child.send("release");
        for (int i = 0; i < waiters.size(); i++) {
            String[] acquired = waiters.get(i).awaitLine("ACQUIRED ").split(" ");
            assertEquals(Integer.toString(i + 2), acquired[3], "waiter " + i + "'s generation");
        }
    }

    /**
     * A caller that gives up leaves its backend wait pending; the next caller joins it rather than starting a
     * second one, and gets the lock when the other process lets go.
     */
    @Test
    void abandonedWaitIsTakenOverByTheNextWaiter() throws Exception {
        ChildJvm child = holder("holder", "handover");
        LockHandle gaveUp = acquireInThread("handover", Duration.ofMillis(300), TimeoutPolicy.PROCEED).awaitHandle();
        assertFalse(gaveUp.locked());
        assertTrue(locks.waitingForOtherProcess(SCOPE, "handover"), "the backend wait stays pending");

        LockingThread next = acquireInThread("handover", LONG, TimeoutPolicy.FAIL);
        await().atMost(PROMPTLY).until(() -> locks.statistics().waiting() == 1);
        child.send("release");
        child.awaitLine("RELEASED");
        LockHandle handle = next.awaitHandle();
        assertTrue(handle.locked());
        next.release();

        try (LockHandle again = locks.acquire(SCOPE, "handover", "again", TimeoutPolicy.FAIL)) {
            assertTrue(again.locked());
            assertEquals(3, again.generation());
        }
    }

    /** When nobody claims a pending wait any more, the lock it brings is released for other processes at once. */
    @Test
    void unclaimedWaitReleasesTheLockForOtherProcesses() throws Exception {
        ChildJvm first = holder("first", "unclaimed");
        assertFalse(acquireInThread("unclaimed", Duration.ofMillis(300), TimeoutPolicy.PROCEED).awaitHandle()
                .locked());
        first.send("release");
        first.awaitLine("RELEASED");
        await().atMost(PROMPTLY).until(() -> !locks.waitingForOtherProcess(SCOPE, "unclaimed"));

        ChildJvm second = holder("second", "unclaimed"); // Would hang if this JVM had kept the lock.
        assertTrue(second.process().isAlive());
    }

    /** An interrupt ends the caller's wait but must not break the backend wait later callers join. */
    @Test
    void interruptedWaitForAnotherProcessLeavesTheLockUsable() throws Exception {
        ChildJvm child = holder("holder", "interrupt");
        LockingThread waiter = acquireInThread("interrupt", LONG, TimeoutPolicy.FAIL);
        awaitBlockedWaiters("interrupt", 1);
        waiter.interrupt();
        await().atMost(PROMPTLY).until(() -> locks.statistics().waiting() == 0);

        LockingThread next = acquireInThread("interrupt", LONG, TimeoutPolicy.FAIL);
        await().atMost(PROMPTLY).until(() -> locks.statistics().waiting() == 1);
        child.send("release");
        child.awaitLine("RELEASED");
        LockHandle handle = next.awaitHandle();
        assertTrue(handle.locked());
        assertEquals(2, handle.generation());
        next.release();
    }

    @Test
    void holderInThisJvmExcludesOtherProcesses() throws Exception {
        ChildJvm child;
        try (LockHandle lock = locks.acquire(SCOPE, "mine", "hold", TimeoutPolicy.FAIL)) {
            child = child("waiter", "wait", SCOPE, "mine");
            child.awaitLine("WAITING");
            // The child must be blocked on our lock before we let go, or the test would prove nothing.
            awaitBlockedWaiters("mine", 1);
            assertTrue(child.process().isAlive());
        }
        String[] acquired = child.awaitLine("ACQUIRED ").split(" ");
        assertEquals("2", acquired[3], "generation");
        assertEquals(0, child.awaitExit());
    }
}
