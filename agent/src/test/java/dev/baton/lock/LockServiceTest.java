package dev.baton.lock;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.lock.file.FileLockBackend;

/** The lock service inside one JVM: reentrancy, independence of keys, FIFO, timeouts, double-check, naming. */
class LockServiceTest {
    private static final Duration SHORT = Duration.ofMillis(100);
    private static final Duration LONG = Duration.ofSeconds(30);
    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path temp;
    Path dir;
    LockService locks;
    ExecutorService threads;

    @BeforeEach
    void start() throws IOException {
        dir = temp.resolve("locks");
        locks = LockService.files(dir, LONG);
        threads = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stop() throws IOException {
        threads.shutdownNow();
        locks.close();
    }

    private <T> T inOtherThread(Callable<T> task) throws Exception {
        try {
            return threads.submit(task).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Whether another thread gets the key within a short timeout (PROCEED: an unlocked handle means "held"). */
    private boolean freeForOtherThread(String key) throws Exception {
        return inOtherThread(() -> {
            try (LockHandle other = locks.acquire("s", key, "probe", SHORT, TimeoutPolicy.PROCEED)) {
                return other.locked();
            }
        });
    }

    @Test
    void reentrantAcquisitionKeepsTheLockUntilTheOutermostClose() throws Exception {
        try (LockHandle outer = locks.acquire("s", "k", "outer", TimeoutPolicy.FAIL)) {
            try (LockHandle inner = locks.acquire("s", "k", "inner", TimeoutPolicy.FAIL)) {
                assertTrue(inner.locked());
                assertTrue(inner.reentered());
                assertFalse(outer.reentered());
                assertEquals(outer.generation(), inner.generation());
            }
            assertFalse(freeForOtherThread("k"), "closing the inner handle must not release the key");
        }
        assertTrue(freeForOtherThread("k"));
        assertEquals(0, locks.statistics().held());
    }

    @Test
    void independentKeysDoNotWaitForEachOther() throws Exception {
        try (LockHandle a = locks.acquire("s", "a", "hold a", TimeoutPolicy.FAIL)) {
            boolean gotB = inOtherThread(() -> {
                try (LockHandle b = locks.acquire("s", "b", "take b", LONG, TimeoutPolicy.FAIL)) {
                    return b.locked();
                }
            });
            assertTrue(gotB);
            assertFalse(freeForOtherThread("a"));
        }
    }

    @Test
    void sameKeyInAnotherScopeIsAnotherLock() throws Exception {
        try (LockHandle a = locks.acquire("download", "x", "hold", TimeoutPolicy.FAIL)) {
            boolean other = inOtherThread(() -> {
                try (LockHandle b = locks.acquire("install", "x", "take", LONG, TimeoutPolicy.FAIL)) {
                    return b.locked();
                }
            });
            assertTrue(other);
        }
    }

    @Test
    void waitersOfOneJvmAreServedInArrivalOrder() throws Exception {
        int waiters = 8;
        List<Integer> served = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> done = new ArrayList<>();
        try (LockHandle holder = locks.acquire("s", "fifo", "hold", TimeoutPolicy.FAIL)) {
            for (int i = 0; i < waiters; i++) {
                int index = i;
                done.add(threads.submit(() -> {
                    try (LockHandle lock = locks.acquire("s", "fifo", "waiter " + index, TimeoutPolicy.FAIL)) {
                        served.add(index);
                    }
                    return null;
                }));
                int queued = i + 1;
                await().atMost(Duration.ofSeconds(20)).until(() -> locks.queueLength("s", "fifo") == queued);
            }
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), served);
    }

    /** Many threads on one key: each must go through the in-JVM queue, never a second kernel lock of the file. */
    @Test
    void manyThreadsOnOneKeyNeverOverlapAndLoseNoUpdate() throws Exception {
        int threadCount = 16;
        int rounds = 300;
        int[] counter = {0};
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threadCount; t++) {
            done.add(threads.submit(() -> {
                for (int i = 0; i < rounds; i++) {
                    try (LockHandle lock = locks.acquire("s", "busy", "increment", LONG, TimeoutPolicy.FAIL)) {
                        int read = counter[0];
                        Thread.yield(); // Widen the window a missing lock would leave open.
                        counter[0] = read + 1;
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS); // An OverlappingFileLockException would surface here.
        }
        assertEquals(threadCount * rounds, counter[0]);
        try (LockHandle last = locks.acquire("s", "busy", "check", TimeoutPolicy.FAIL)) {
            assertEquals(threadCount * rounds + 1, last.generation());
        }
    }

    @Test
    void timeoutWithProceedReturnsAnUnlockedHandle() throws Exception {
        try (LockHandle holder = locks.acquire("s", "k", "hold", TimeoutPolicy.FAIL)) {
            LockHandle other = inOtherThread(() -> locks.acquire("s", "k", "probe", SHORT, TimeoutPolicy.PROCEED));
            assertFalse(other.locked());
            assertFalse(other.peerCompletedWhileWaiting());
            other.markDone();
            other.close(); // Harmless: nothing to release.
            assertTrue(holder.locked());
        }
        assertTrue(freeForOtherThread("k"));
    }

    @Test
    void timeoutWithFailNamesKeyAndHolder() throws Exception {
        String key = "https://user:secret@example.org/jdk.tar.gz?token=abc";
        try (LockHandle holder = locks.acquire("download", key, "download", TimeoutPolicy.FAIL)) {
            Exception e = assertThrows(LockTimeoutException.class, () -> inOtherThread(
                    () -> locks.acquire("download", key, "download", SHORT, TimeoutPolicy.FAIL)));
            String message = e.getMessage();
            assertTrue(message.contains("https://example.org/jdk.tar.gz"), message);
            assertTrue(message.contains("pid " + PID), message);
            assertFalse(message.contains("secret"), message);
            assertFalse(message.contains("token"), message);
            assertEquals(PID, ((LockTimeoutException) e).holder().pid());
        }
    }

    @Test
    void waiterLearnsThatAPeerCompletedTheKeyWhileItWaited() throws Exception {
        LockingThread waiter;
        try (LockHandle first = locks.acquire("s", "jdk", "download", TimeoutPolicy.FAIL)) {
            waiter = new LockingThread(locks, "s", "jdk", LONG, TimeoutPolicy.FAIL);
            await().atMost(Duration.ofSeconds(20)).until(() -> locks.queueLength("s", "jdk") == 1);
            first.markDone();
        }
        LockHandle second = waiter.awaitHandle();
        assertTrue(second.peerCompletedWhileWaiting());
        assertEquals(LockState.DONE, second.previousRecord().state());
        assertEquals(PID, second.previousRecord().pid());
        waiter.release();
        waiter.close();

        // The done mark was already there when this acquisition began: not "while waiting".
        try (LockHandle third = locks.acquire("s", "jdk", "download", TimeoutPolicy.FAIL)) {
            assertFalse(third.peerCompletedWhileWaiting());
            assertEquals(LockState.IN_PROGRESS, third.previousRecord().state(), "second did not mark done");
        }
    }

    @Test
    void waiterRedoesTheWorkWhenThePreviousHolderDidNotMarkDone() throws Exception {
        LockingThread waiter;
        try (LockHandle first = locks.acquire("s", "jdk", "download", TimeoutPolicy.FAIL)) {
            waiter = new LockingThread(locks, "s", "jdk", LONG, TimeoutPolicy.FAIL);
            await().atMost(Duration.ofSeconds(20)).until(() -> locks.queueLength("s", "jdk") == 1);
        }
        LockHandle second = waiter.awaitHandle();
        assertFalse(second.peerCompletedWhileWaiting());
        assertEquals(LockState.IN_PROGRESS, second.previousRecord().state());
        assertEquals(2, second.generation());
        waiter.release();
        waiter.close();
    }

    @Test
    void interruptedWaiterLeavesTheQueueAndHoldsNothing() throws Exception {
        Future<Object> waiter;
        try (LockHandle holder = locks.acquire("s", "k", "hold", TimeoutPolicy.FAIL)) {
            waiter = threads.submit(() -> locks.acquire("s", "k", "waiter", LONG, TimeoutPolicy.FAIL));
            await().atMost(Duration.ofSeconds(20)).until(() -> locks.queueLength("s", "k") == 1);
            waiter.cancel(true);
            await().atMost(Duration.ofSeconds(20)).until(() -> locks.queueLength("s", "k") == 0);
        }
        assertTrue(freeForOtherThread("k"));
        assertEquals(0, locks.statistics().waiting());
    }

    @Test
    void closingFromAnotherThreadIsRefused() throws Exception {
        try (LockHandle lock = locks.acquire("s", "k", "hold", TimeoutPolicy.FAIL)) {
            Exception e = assertThrows(ExecutionException.class, () -> threads.submit(() -> {
                lock.close();
                return null;
            }).get(60, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertFalse(freeForOtherThread("k"));
        }
    }

    @Test
    void keysNeverBecomePaths() throws Exception {
        List<String> hostile = List.of("../../x", "/etc/passwd", "..\\..\\x", "a/../../b", "", ".", "..",
                "x\0y", "~root/.ssh/authorized_keys");
        for (String key : hostile) {
            try (LockHandle lock = locks.acquire("s", key, "probe", TimeoutPolicy.FAIL)) {
                assertTrue(lock.locked());
            }
            Path file = ((FileLockBackend) locks.backend()).lockFile(LockId.of("s", key));
            assertEquals(dir.toRealPath(), file.getParent());
        }
        try (Stream<Path> inTemp = Files.list(temp); Stream<Path> inDir = Files.list(dir)) {
            assertEquals(List.of(dir), inTemp.toList(), "nothing may be created next to the lock directory");
            List<String> names = inDir.map(p -> p.getFileName().toString()).toList();
            assertEquals(hostile.size(), names.size());
            assertTrue(names.stream().allMatch(n -> n.matches("[0-9a-f]{64}")), names.toString());
        }
        assertFalse(Files.exists(temp.resolve("x")));
    }

    @Test
    void lockDirectoryIsPrivateAndLockFilesAreKept() throws Exception {
        try (LockHandle lock = locks.acquire("s", "k", "probe", TimeoutPolicy.FAIL)) {
            assertTrue(lock.locked());
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        Path file = ((FileLockBackend) locks.backend()).lockFile(LockId.of("s", "k"));
        assertTrue(Files.exists(file), "lock files are never deleted");
    }

    @Test
    void lockFileNamesTheHolderWithTheKeyRedacted() throws Exception {
        String key = "https://user:secret@example.org/a.tar.gz?token=abc#frag";
        try (LockHandle lock = locks.acquire("download", key, "download", TimeoutPolicy.FAIL)) {
            lock.markDone();
        }
        Path file = ((FileLockBackend) locks.backend()).lockFile(LockId.of("download", key));
        // Released and idle (kept open for its next use): another descriptor may read it now, closing that one
        // drops no lock that matters.
        String content = Files.readString(file, StandardCharsets.UTF_8);
        locks.close();
        assertTrue(content.contains("key=https://example.org/a.tar.gz\n"), content);
        assertTrue(content.contains("pid=" + PID + "\n"), content);
        assertTrue(content.contains("state=done\n"), content);
        assertTrue(content.contains("generation=1\n"), content);
        assertFalse(content.contains("secret") || content.contains("token") || content.contains("frag"), content);
        locks = LockService.files(dir, LONG); // For stop().
    }

    @Test
    void idleKeysAreClosedBeyondALimitSoDescriptorsDoNotRunOut() throws Exception {
        int keys = LockService.MAX_IDLE_KEYS * 3;
        for (int i = 0; i < keys; i++) {
            locks.acquire("s", "key-" + i, "probe", TimeoutPolicy.FAIL).close();
        }
        assertTrue(locks.openKeys() <= LockService.MAX_IDLE_KEYS, "open keys: " + locks.openKeys());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(LockService.MAX_IDLE_KEYS, files.count(), "closing an unused key removes its lock file");
        }
        try (LockHandle again = locks.acquire("s", "key-0", "probe", TimeoutPolicy.FAIL)) {
            assertEquals(1, again.generation(), "a removed key starts afresh");
        }
        try (LockHandle kept = locks.acquire("s", "key-" + (keys - 1), "probe", TimeoutPolicy.FAIL)) {
            assertEquals(2, kept.generation(), "a key kept open continues its generation");
        }
    }

    @Test
    void oneServicePerDirectoryPerJvm() {
        assertThrows(IllegalStateException.class, () -> LockService.files(dir, LONG));
    }

    @Test
    void keyRedactionStripsUserInfoQueryAndFragment() {
        assertEquals("https://example.org/a/b.zip", KeyRedactor.redact("https://u:p@example.org/a/b.zip?sig=1#x"));
        assertEquals("https://example.org/a", KeyRedactor.redact("https://example.org/a"));
        assertEquals("/home/me/.m2/repository", KeyRedactor.redact("/home/me/.m2/repository"));
        assertEquals("s3://bucket/key", KeyRedactor.redact("s3://AKIA:secret@bucket/key?X-Amz-Signature=zz"));
    }
}
