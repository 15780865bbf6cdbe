package dev.baton.lock.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes starting at once on a lock directory that does not exist yet all create it; none may conclude
 * that it is "not a directory" because another made it between two of its checks. That verdict made a JVM run its
 * downloads without cross-process protection (seen in CI: DownloadTest, eight fetchers, one of them unprotected).
 * Threads stand in for processes here: the race is between file system calls, the same from any of them.
 */
class LockDirectoryCreationRaceTest {
    private static final int ROUNDS = 300;
    private static final int RACERS = 6;

    @TempDir
    Path dir;

    @Test
    void racersCreatingTheLockDirectoryTogetherAllFindItUsable() throws Exception {
        List<String> failures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Path locks = dir.resolve("round-" + round).resolve("locks");
                CyclicBarrier start = new CyclicBarrier(RACERS);
                List<Future<?>> racers = new ArrayList<>();
                for (int i = 0; i < RACERS; i++) {
                    racers.add(pool.submit(() -> {
                        start.await();
                        FileLockBackend.checkUsable(locks);
                        return null;
                    }));
                }
                for (Future<?> racer : racers) {
                    try {
                        racer.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        failures.add("round " + round + ": " + e.getCause());
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(), failures.subList(0, Math.min(3, failures.size())),
                failures.size() + " of " + ROUNDS * RACERS + " calls failed");
    }

    /** What the race was mistaken for is still refused: a file, or a dangling link, where the directory should be. */
    @Test
    void aFileOrADanglingLinkWhereTheDirectoryShouldBeIsStillRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        FileSystemException refused = assertThrows(FileSystemException.class, () -> FileLockBackend.checkUsable(file));
        assertTrue(refused.getMessage().contains("not a directory"), refused.getMessage());
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
        refused = assertThrows(FileSystemException.class, () -> FileLockBackend.checkUsable(dangling));
        assertTrue(refused.getMessage().contains("not a directory"), refused.getMessage());
    }
}
