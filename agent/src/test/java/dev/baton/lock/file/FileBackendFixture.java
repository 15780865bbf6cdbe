package dev.baton.lock.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.stream.Stream;

import dev.baton.lock.BackendFixture;
import dev.baton.lock.LockId;

/**
 * The file backend: every process uses one lock directory (that is what makes them meet). Blocked waits are read
 * from the kernel: {@code /proc/locks} lists each fcntl wait as a {@code ->} line naming the lock file's inode.
 */
public final class FileBackendFixture implements BackendFixture {
    private final Path directory;

    public FileBackendFixture() throws IOException {
        this.directory = Files.createTempDirectory("baton-locks");
    }

    @Override
    public String name() {
        return "file";
    }

    @Override
    public String config(Path processDir) {
        return "lock.backend=file,lock.dir=" + directory;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public long blockedWaiters(String scope, String key) throws IOException {
        Path file = directory.resolve(LockId.of(scope, key).digestHex()); // FileLockBackend#lockFile, unplaced
        String inode;
        try {
            inode = Files.getAttribute(file, "unix:ino").toString();
        } catch (NoSuchFileException e) {
            return 0;
        }
        List<String> locks = Files.readAllLines(Path.of("/proc/locks"));
        // "1: -> POSIX  ADVISORY  WRITE 4242 00:2a:1234567 0 EOF": a wait for the lock on inode 1234567.
        return locks.stream().filter(line -> line.contains("->")).map(line -> line.split("\\s+"))
                .filter(fields -> fields.length > 6 && inode.equals(inodeOf(fields[6]))).count();
    }

    private static String inodeOf(String deviceAndInode) {
        return deviceAndInode.substring(deviceAndInode.lastIndexOf(':') + 1);
    }

    @Override
    public boolean fifoAcrossProcesses() {
        return false; // The kernel wakes every fcntl waiter on release; whoever runs first wins.
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
