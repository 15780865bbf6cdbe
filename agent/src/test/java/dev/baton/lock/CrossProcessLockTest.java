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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.lock.file.FileLockBackend;

/** Locks between JVMs: child processes run {@link LockChild} on the test class path. */
class CrossProcessLockTest {
    private static final String SCOPE = LockChild.SCOPE;
    private static final Duration PROMPTLY = Duration.ofSeconds(20);
    private static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path temp;
    Path dir;
    LockService locks;
    ExecutorService threads;
    final List<ChildJvm> children = new ArrayList<>();
    final List<LockingThread> lockingThreads = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        dir = temp.resolve("locks");
        locks = LockService.files(dir, LONG);
        threads = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stop() throws IOException {
        children.forEach(ChildJvm::close);
        lockingThreads.forEach(LockingThread::close);
        threads.shutdownNow();
        locks.close();
    }

    private ChildJvm child(String... args) throws IOException {
        ChildJvm child = ChildJvm.start(args);
        children.add(child);
        return child;
    }

    private ChildJvm holder(String key) throws Exception {
        ChildJvm child = child("hold", dir.toString(), SCOPE, key);
        child.awaitLine("HELD");
        return child;
    }

    private LockingThread acquireInThread(String key, Duration timeout, TimeoutPolicy policy) {
        LockingThread thread = new LockingThread(locks, SCOPE, key, timeout, policy);
        lockingThreads.add(thread);
        return thread;
    }

    /**
     * N JVMs read-increment-write one file under the lock; a single lost update shows as a smaller total. This JVM
     * holds the lock until every child is blocked waiting for it, so all of them provably run at the same time.
     */
    @Test
    void processesIncrementingUnderTheLockLoseNoUpdate() throws Exception {
        int processes = 4;
        int increments = 250;
        Path counter = temp.resolve("counter");
        List<ChildJvm> counters = new ArrayList<>();
        try (LockHandle startingGate = locks.acquire(SCOPE, "counter", "gate", TimeoutPolicy.FAIL)) {
            for (int i = 0; i < processes; i++) {
                counters.add(child("count", dir.toString(), counter.toString(), Integer.toString(increments)));
            }
            await().atMost(LONG).until(() -> counters.stream()
                    .allMatch(CrossProcessLockTest::childIsBlockedInTheKernel));
        }
        for (ChildJvm c : counters) {
            c.awaitLine("COUNTED");
            assertEquals(0, c.awaitExit());
        }
        assertEquals(Integer.toString(processes * increments), Files.readString(counter).trim());
        try (LockHandle lock = locks.acquire(SCOPE, "counter", "check", TimeoutPolicy.FAIL)) {
            // The file survives: this JVM kept it open (idle) all along, so no child could remove it.
            assertEquals(1 + processes * increments + 1, lock.generation(), "the gate, every increment, this check");
        }
    }

    @Test
    void killedHolderReleasesTheLockToAWaiter() throws Exception {
        ChildJvm child = holder("crash");
        LockingThread waiter = acquireInThread("crash", Duration.ZERO, TimeoutPolicy.FAIL);
        await().atMost(PROMPTLY).until(() -> locks.waitingForOtherProcess(SCOPE, "crash"));
        assertFalse(waiter.handle().isDone());

        child.process().destroyForcibly();

        await().atMost(PROMPTLY).until(waiter.handle()::isDone);
        LockHandle handle = waiter.awaitHandle();
        assertTrue(handle.locked());
        assertEquals(child.pid(), handle.previousRecord().pid());
        assertEquals(LockState.IN_PROGRESS, handle.previousRecord().state(), "the killed holder never finished");
        assertFalse(handle.peerCompletedWhileWaiting());
        assertEquals(2, handle.generation());
        waiter.release();
    }

    @Test
    void waiterLearnsThatAnotherProcessCompletedTheKey() throws Exception {
        ChildJvm child = holder("jdk");
        LockingThread waiter = acquireInThread("jdk", LONG, TimeoutPolicy.FAIL);
        await().atMost(PROMPTLY).until(() -> locks.waitingForOtherProcess(SCOPE, "jdk"));
        child.send("done");
        child.send("release");
        child.awaitLine("RELEASED");
        LockHandle handle = waiter.awaitHandle();
        assertTrue(handle.peerCompletedWhileWaiting());
        assertEquals(child.pid(), handle.previousRecord().pid());
        assertEquals(LockState.DONE, handle.previousRecord().state());
        waiter.release();
    }

    @Test
    void timeoutAgainstAnotherProcessNamesItAndAppliesThePolicy() throws Exception {
        ChildJvm child = holder("slow");
        Exception e = assertThrows(ExecutionException.class,
                () -> acquireInThread("slow", Duration.ofMillis(200), TimeoutPolicy.FAIL).awaitHandle());
        assertTrue(e.getCause() instanceof LockTimeoutException, e.toString());
        assertTrue(e.getCause().getMessage().contains("pid " + child.pid()), e.getCause().getMessage());
        assertTrue(e.getCause().getMessage().contains("slow"), e.getCause().getMessage());

        LockHandle proceed = acquireInThread("slow", Duration.ofMillis(200), TimeoutPolicy.PROCEED).awaitHandle();
        assertFalse(proceed.locked());
    }

    /**
     * A caller that gives up leaves its kernel wait pending; the next caller joins it rather than locking the file a
     * second time (OverlappingFileLockException), and gets the lock when the other process lets go.
     */
    @Test
    void abandonedWaitIsTakenOverByTheNextWaiter() throws Exception {
        ChildJvm child = holder("handover");
        LockHandle gaveUp = acquireInThread("handover", Duration.ofMillis(200), TimeoutPolicy.PROCEED).awaitHandle();
        assertFalse(gaveUp.locked());
        assertTrue(locks.waitingForOtherProcess(SCOPE, "handover"), "the kernel wait stays pending");

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
        ChildJvm first = holder("unclaimed");
        assertFalse(acquireInThread("unclaimed", Duration.ofMillis(200), TimeoutPolicy.PROCEED).awaitHandle()
                .locked());
        first.send("release");
        first.awaitLine("RELEASED");
        await().atMost(PROMPTLY).until(() -> !locks.waitingForOtherProcess(SCOPE, "unclaimed"));

        ChildJvm second = holder("unclaimed"); // Would hang if this JVM had kept the lock.
        assertTrue(second.process().isAlive());
    }

    /** An interrupt ends the caller's wait but must not close the channel the kernel wait and later callers use. */
    @Test
    void interruptedWaitForAnotherProcessLeavesTheLockUsable() throws Exception {
        ChildJvm child = holder("interrupt");
        LockingThread waiter = acquireInThread("interrupt", LONG, TimeoutPolicy.FAIL);
        await().atMost(PROMPTLY).until(() -> locks.waitingForOtherProcess(SCOPE, "interrupt"));
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
        CompletableFuture<String> childState;
        try (LockHandle lock = locks.acquire(SCOPE, "mine", "hold", TimeoutPolicy.FAIL)) {
            ChildJvm child = child("hold", dir.toString(), SCOPE, "mine");
            childState = CompletableFuture.supplyAsync(() -> {
                try {
                    return child.awaitLine("HELD");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }, threads);
            // The child must be blocked on our lock before we let go, or the test would prove nothing.
            await().atMost(PROMPTLY).until(() -> childIsBlockedInTheKernel(child));
            assertFalse(childState.isDone());
        }
        assertTrue(childState.get(60, TimeUnit.SECONDS).startsWith("HELD 2"));
    }

    /** A child waiting for another process has a thread named baton-lock-waiter-N (Linux shows 15 characters). */
    private static boolean childIsBlockedInTheKernel(ChildJvm child) {
        Path tasks = Path.of("/proc", Long.toString(child.pid()), "task");
        if (!Files.isDirectory(tasks)) {
            return false;
        }
        try (var list = Files.list(tasks)) {
            return list.anyMatch(task -> {
                try {
                    return Files.readString(task.resolve("comm")).startsWith("baton-lock-wait");
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            return false; // The child exited meanwhile.
        }
    }
}
