package dev.baton.lock.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.baton.lock.KeyLock;
import dev.baton.lock.LockBackend;
import dev.baton.lock.LockId;
import dev.baton.lock.ThisProcess;

/**
 * Locks on one machine: one lock file per key, locked with {@link FileChannel#lock} (fcntl on Linux), which the
 * kernel releases when the holding process dies, so crash recovery needs no timer. A key's file lives in the lock
 * directory ({@code baton.lock.dir}), named by the SHA-256 of scope and key, or, for a placed key
 * ({@link LockId#placement()}), in the directory the key names, as {@code .baton-<digest>.lock}: then processes meet
 * on it whatever their lock directory.
 *
 * <p>Rules this class keeps, because breaking any of them silently breaks exclusion:
 * <ul>
 * <li>a lock file is removed only by the protocol of {@link FileKeyLock} (under the lock, when no other process
 * has it open, after an identity re-check), and a lock is only ever kept on a file still linked at its path;</li>
 * <li>each lock file is opened through one channel per JVM at a time, and read and written only through it:
 * closing any other descriptor of the file would drop this process's fcntl locks;</li>
 * <li>one backend per lock directory per JVM, enforced here, for the same reason (placed keys are shared by path,
 * so a JVM must use one lock service for them: the agent's).</li>
 * </ul>
 * Lock files are opened as {@link LockFiles} says: never through links, never created in a directory everybody
 * may write to without the sticky bit, shared with the directory's group when it is group-writable.
 */
public final class FileLockBackend implements LockBackend {
    private static final Set<Path> DIRECTORIES_IN_USE = ConcurrentHashMap.newKeySet();
    private static final String PLACED_PREFIX = ".baton-";
    private static final String PLACED_SUFFIX = ".lock";
    /** 128 bits of the key's digest name a placed file: unique enough, and short whatever the directory's depth. */
    private static final int PLACED_DIGEST_CHARS = 32;

    private final Path directory;

    private FileLockBackend(Path directory) {
        this.directory = directory;
    }

    /** Creates the directory (0700) if missing; refuses a directory another backend of this JVM already uses. */
    public static FileLockBackend open(Path directory) throws IOException {
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        createDirectory(directory.toAbsolutePath(), posix);
        Path real = directory.toRealPath();
        if (!Files.isDirectory(real)) {
            throw new FileSystemException(real.toString(), null, "the lock directory is not a directory");
        }
        LockFiles.directoryMode(real);
        if (!DIRECTORIES_IN_USE.add(real)) {
            throw new IllegalStateException("lock directory " + real + " is already used by another lock service in"
                    + " this JVM; two would drop each other's locks");
        }
        return new FileLockBackend(real);
    }

    /**
     * Fails unless lock files can be created, written and removed in {@code directory}: what baton.onError=fail
     * checks before the application starts (a file where the directory should be, no write permission, a full
     * disk, a directory everybody may write to without the sticky bit).
     */
    public static void checkUsable(Path directory) throws IOException {
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        createDirectory(directory.toAbsolutePath(), posix);
        Path real = directory.toRealPath();
        LockFiles.directoryMode(real);
        Path probe = real.resolve(PLACED_PREFIX + "probe-" + ThisProcess.PID + PLACED_SUFFIX);
        try (FileChannel channel = LockFiles.open(probe)) {
            channel.write(LockFileFormat.encode(dev.baton.lock.LockRecord.NEVER_HELD), 0);
            channel.force(false);
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /**
     * Makes the directory unless it exists. "Not a directory" is decided only after trying to create it: checking
     * first raced with other processes starting at the same moment (one made the directory between this process's
     * "is it a directory?" and "does anything exist there?", and this one then ran unprotected).
     */
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
        } catch (FileAlreadyExistsException existing) {
            // Another process created it first (fine), or something else is there (a file, a dangling link).
            if (!Files.isDirectory(directory)) {
                throw new FileSystemException(directory.toString(), null, "the lock directory is not a directory");
            }
        }
    }

    @Override
    public String name() {
        return "file";
    }

    /** The lock file of a key: in its placement, else in the lock directory; named by digest, never by the key. */
    public Path lockFile(LockId id) {
        if (id.placement() != null) {
            return id.placement().resolve(PLACED_PREFIX + id.digestHex().substring(0, PLACED_DIGEST_CHARS)
                    + PLACED_SUFFIX);
        }
        return directory.resolve(id.digestHex());
    }

    /** Whether a file name is one of the placed lock files this backend creates (for tests and tools). */
    public static boolean isPlacedLockFile(String fileName) {
        return fileName.startsWith(PLACED_PREFIX) && fileName.endsWith(PLACED_SUFFIX)
                && fileName.length() == PLACED_PREFIX.length() + PLACED_DIGEST_CHARS + PLACED_SUFFIX.length();
    }

    public Path directory() {
        return directory;
    }

    /**
     * Opens a key's lock file now, so that an unusable location fails at once. A lock directory deleted while this
     * JVM runs is made again, so later keys still meet; a placement's directory never is (it belongs to someone).
     */
    @Override
    public KeyLock open(LockId id) throws IOException {
        FileKeyLock lock = new FileKeyLock(id, lockFile(id), id.placement() == null);
        lock.open();
        return lock;
    }

    /** Makes the lock directory again (0700) after it was deleted while this JVM runs. */
    static void recreate(Path directory) throws IOException {
        createDirectory(directory, directory.getFileSystem().supportedFileAttributeViews().contains("posix"));
    }

    @Override
    public void close() {
        DIRECTORIES_IN_USE.remove(directory);
    }
}
