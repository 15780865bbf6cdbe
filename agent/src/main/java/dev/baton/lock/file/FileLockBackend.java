package dev.baton.lock.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.baton.lock.KeyLock;
import dev.baton.lock.LockBackend;
import dev.baton.lock.LockId;

/**
 * Locks on one machine: one lock file per key in a directory, locked with {@link FileChannel#lock()} (fcntl on
 * Linux), which the kernel releases when the holding process dies, so crash recovery needs no timer.
 *
 * <p>Rules this class keeps, because breaking any of them silently breaks exclusion:
 * <ul>
 * <li>lock files are never deleted (a waiter could hold a lock on the unlinked inode while a newcomer locks a new
 * file of the same name);</li>
 * <li>each lock file is opened through one channel per JVM, and read and written only through it: closing any other
 * descriptor of the file would drop this process's fcntl lock;</li>
 * <li>one backend per directory per JVM, enforced here, for the same reason.</li>
 * </ul>
 */
public final class FileLockBackend implements LockBackend {
    private static final Set<Path> DIRECTORIES_IN_USE = ConcurrentHashMap.newKeySet();
    private static final Set<OpenOption> OPEN_OPTIONS = Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

    private final Path directory;
    private final boolean posix;

    private FileLockBackend(Path directory, boolean posix) {
        this.directory = directory;
        this.posix = posix;
    }

    /** Creates the directory (0700) if missing; refuses a directory another backend of this JVM already uses. */
    public static FileLockBackend open(Path directory) throws IOException {
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        createDirectory(directory.toAbsolutePath(), posix);
        Path real = directory.toRealPath();
        if (!DIRECTORIES_IN_USE.add(real)) {
            throw new IllegalStateException("lock directory " + real + " is already used by another lock service in"
                    + " this JVM; two would drop each other's locks");
        }
        return new FileLockBackend(real, posix);
    }

    private static void createDirectory(Path directory, boolean posix) throws IOException {
        if (Files.isDirectory(directory)) {
            return; // An existing directory keeps the permissions its owner chose.
        }
        Path parent = directory.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            if (posix) {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(
                        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                                PosixFilePermission.OWNER_EXECUTE)));
            } else {
                Files.createDirectory(directory);
            }
        } catch (FileAlreadyExistsException raced) {
            // Another process created it first: fine.
        }
    }

    @Override
    public String name() {
        return "file";
    }

    /** The lock file of a key: the hex SHA-256 of scope and key, never the key itself. */
    public Path lockFile(LockId id) {
        return directory.resolve(id.digestHex());
    }

    public Path directory() {
        return directory;
    }

    @Override
    public KeyLock open(LockId id) throws IOException {
        Path file = lockFile(id);
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))}
                : new FileAttribute<?>[0];
        return new FileKeyLock(id, file, FileChannel.open(file, OPEN_OPTIONS, attributes));
    }

    @Override
    public void close() {
        DIRECTORIES_IN_USE.remove(directory);
    }
}
