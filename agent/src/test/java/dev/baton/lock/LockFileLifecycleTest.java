package dev.baton.lock;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.lock.file.FileLockBackend;

/**
 * Lock files come and go without ever breaking exclusion: keys no longer in use leave no files, a lock file deleted
 * behind Baton's back is never trusted, a deleted lock directory is made again, and lock files opened in shared
 * directories open no door (issue 13, "bounded lock files" and "locks everyone agrees on").
 */
class LockFileLifecycleTest {
    private static final Duration PROMPTLY = Duration.ofSeconds(20);
    private static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path temp;
    Path dir;
    LockService locks;
    final List<ChildJvm> children = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        dir = temp.resolve("locks");
        locks = LockService.files(dir, LONG);
    }

    @AfterEach
    void stop() throws IOException {
        children.forEach(ChildJvm::close);
        locks.close();
    }

    private ChildJvm child(String... args) throws IOException {
        ChildJvm child = ChildJvm.start(args);
        children.add(child);
        return child;
    }

    private static long files(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.count();
        }
    }

    @Test
    void tenThousandDistinctKeysLeaveABoundedNumberOfFiles() throws Exception {
        Path placement = Files.createDirectories(temp.resolve("cache"));
        for (int i = 0; i < 10_000; i++) { // Half in the lock directory, half placed in a cache directory.
            LockId id = i % 2 == 0 ? LockId.of("s", "key-" + i) : LockId.placed("s", "key-" + i, placement);
            try (LockHandle lock = locks.acquire(id, "probe", null, TimeoutPolicy.FAIL)) {
                lock.markDone("done " + i);
            }
        }
        assertEquals(LockService.MAX_IDLE_KEYS, files(dir), "only the keys kept open for their next use");
        assertEquals(0, files(placement), "a placed key's file goes as soon as nobody uses it");
        locks.close();
        assertEquals(0, files(dir), "closing the service removes the files of keys nobody else uses");
        locks = LockService.files(dir, LONG);
    }

    /** Processes that remove the lock file after every increment still lose no update. */
    @Test
    void processesRemovingTheLockFileAfterEveryUseLoseNoUpdate() throws Exception {
        int processes = 4;
        int increments = 200;
        Path counter = Files.createDirectories(temp.resolve("shared")).resolve("counter");
        List<ChildJvm> counters = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            counters.add(child("count-placed", temp.resolve("locks-" + i).toString(), counter.toString(),
                    Integer.toString(increments)));
        }
        for (ChildJvm c : counters) {
            c.awaitLine("COUNTED");
            assertEquals(0, c.awaitExit());
        }
        assertEquals(Integer.toString(processes * increments), Files.readString(counter).trim(),
                "each process had its own lock directory: they met on the lock beside the counter");
        try (Stream<Path> left = Files.list(counter.getParent())) {
            assertEquals(List.of(counter), left.toList(), "no lock file left beside the counter");
        }
    }

    /**
     * A waiter blocked on a lock file that someone deletes (rm -rf of the lock directory) must not take the dead
     * file's lock for the key's lock: a newcomer already holds the new file.
     */
    @Test
    void aLockFileDeletedBehindBatonsBackIsNeverTrusted() throws Exception {
        ChildJvm first = child("hold", dir.toString(), LockChild.SCOPE, "deleted");
        first.awaitLine("HELD");
        LockingThread waiter = new LockingThread(locks, LockChild.SCOPE, "deleted", LONG, TimeoutPolicy.FAIL);
        await().atMost(PROMPTLY).until(() -> locks.waitingForOtherProcess(LockChild.SCOPE, "deleted"));
        Path file = ((FileLockBackend) locks.backend()).lockFile(LockId.of(LockChild.SCOPE, "deleted"));
        Files.delete(file);
        ChildJvm second = child("hold", dir.toString(), LockChild.SCOPE, "deleted");
        second.awaitLine("HELD"); // Unavoidable: the deleted file no longer excludes anybody.

        first.send("release");
        first.awaitLine("RELEASED");
        // The waiter gets the deleted file's lock, sees it is no longer linked, and waits on the new file instead.
        await().atMost(PROMPTLY).until(() -> locks.waitingForOtherProcess(LockChild.SCOPE, "deleted"));
        assertFalse(waiter.handle().isDone(), "took the lock of a deleted file while another process held the key");
        second.send("release");
        second.awaitLine("RELEASED");
        assertTrue(waiter.awaitHandle().locked());
        waiter.release();
        waiter.close();
    }

    @Test
    void aDeletedLockDirectoryIsMadeAgain() throws Exception {
        locks.acquire("s", "before", "probe", TimeoutPolicy.FAIL).close();
        locks.close();
        locks = LockService.files(dir, LONG);
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertFalse(Files.exists(dir));
        try (LockHandle lock = locks.acquire("s", "after", "probe", TimeoutPolicy.FAIL)) {
            assertTrue(lock.locked());
        }
        assertTrue(Files.isDirectory(dir));
    }

    @Test
    void noLockFileInADirectoryEverybodyMayWriteWithoutTheStickyBit() throws Exception {
        Path open = Files.createDirectories(temp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        IOException refused = assertThrows(IOException.class, () -> locks.acquire(LockId.placed("s", "k", open),
                "probe", null, TimeoutPolicy.FAIL));
        assertTrue(refused.getMessage().contains("sticky"), refused.getMessage());
        assertEquals(0, files(open));

        Files.setAttribute(open, "unix:mode", 01777);
        try (LockHandle lock = locks.acquire(LockId.placed("s", "k", open), "probe", null, TimeoutPolicy.FAIL)) {
            assertTrue(lock.locked(), "a sticky directory (like /tmp) is fine");
        }
    }

    @Test
    void aLinkWhereTheLockFileBelongsIsNeverFollowed() throws Exception {
        Path cache = Files.createDirectories(temp.resolve("cache"));
        Path victim = Files.writeString(temp.resolve("victim"), "precious");
        LockId id = LockId.placed("s", "k", cache);
        Files.createSymbolicLink(((FileLockBackend) locks.backend()).lockFile(id), victim);
        IOException refused = assertThrows(IOException.class, () -> locks.acquire(id, "probe", null,
                TimeoutPolicy.FAIL));
        assertTrue(refused.getMessage().contains("symbolic link"), refused.getMessage());
        assertEquals("precious", Files.readString(victim));
    }

    @Test
    void lockFilesInAGroupWritableDirectoryAreSharedWithTheGroup() throws Exception {
        Path shared = Files.createDirectories(temp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxr-x"));
        Path mine = Files.createDirectories(temp.resolve("mine"));
        Files.setPosixFilePermissions(mine, PosixFilePermissions.fromString("rwxr-xr-x"));
        FileLockBackend backend = (FileLockBackend) locks.backend();
        try (LockHandle a = locks.acquire(LockId.placed("s", "k", shared), "probe", null, TimeoutPolicy.FAIL);
                LockHandle b = locks.acquire(LockId.placed("s", "k", mine), "probe", null, TimeoutPolicy.FAIL)) {
            assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    backend.lockFile(LockId.placed("s", "k", shared)))));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    backend.lockFile(LockId.placed("s", "k", mine)))));
        }
    }

    @Test
    void anUnusableLockDirectoryIsReportedUpFront() throws Exception {
        Path aFile = Files.writeString(temp.resolve("not-a-directory"), "");
        assertThrows(IOException.class, () -> FileLockBackend.checkUsable(aFile));
        assertThrows(IOException.class, () -> LockService.files(aFile, LONG));
        FileLockBackend.checkUsable(temp.resolve("fresh"));
        assertEquals(0, files(temp.resolve("fresh")), "the check leaves nothing behind");
    }
}
