package dev.baton.lock.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Opens lock files so that sharing a lock location opens no door:
 * <ul>
 * <li>a lock file is never followed through a symbolic link (a link in its place is an error, not a redirection);</li>
 * <li>no lock file is created in a directory everybody may write to unless it has the sticky bit (anyone could
 * otherwise replace it between two processes' opens);</li>
 * <li>an existing file is opened without O_CREAT (so Linux's protected_regular never refuses another user's lock
 * file in a sticky directory), a missing one is created exclusively;</li>
 * <li>a created lock file is readable and writable by its owner, and by the directory's group when the directory
 * is group-writable: users sharing a cache through a group meet on the same locks.</li>
 * </ul>
 */
final class LockFiles {
    private static final int OTHERS_WRITE = 0002;
    private static final int GROUP_WRITE = 0020;
    private static final int STICKY = 01000;
    private static final Set<OpenOption> CREATE_OPTIONS = Set.of(StandardOpenOption.CREATE_NEW,
            StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    private static final Set<PosixFilePermission> OWNER = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_AND_GROUP = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE);

    private LockFiles() {
    }

    /** Opens the lock file at {@code file} for reading and writing, creating it if missing. */
    static FileChannel open(Path file) throws IOException {
        Path directory = file.getParent();
        for (int attempt = 0;; attempt++) {
            try {
                return FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                        LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException missing) {
                // Created below.
            } catch (FileSystemException e) {
                throw refusedLink(file, e);
            }
            int mode = directoryMode(directory);
            try {
                FileChannel created = mode < 0
                        ? FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)
                        : FileChannel.open(file, CREATE_OPTIONS, PosixFilePermissions.asFileAttribute(OWNER));
                if (mode >= 0 && (mode & GROUP_WRITE) != 0) {
                    shareWithGroup(file, created);
                }
                return created;
            } catch (FileAlreadyExistsException raced) {
                if (attempt > 100) {
                    throw raced;
                }
                // Another process created it between our two opens: open theirs.
            }
        }
    }

    /**
     * The directory's mode bits, after refusing one that everybody may write to without the sticky bit; -1 on a
     * file system without Unix modes.
     *
     * @throws IOException when the directory is missing or unsafe
     */
    static int directoryMode(Path directory) throws IOException {
        if (!directory.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            return -1;
        }
        int mode = (Integer) Files.getAttribute(directory, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & OTHERS_WRITE) != 0 && (mode & STICKY) == 0) {
            throw new FileSystemException(directory.toString(), null, "everybody may write to this directory and"
                    + " it has no sticky bit: anyone could replace a lock file in it, so Baton creates none there");
        }
        return mode;
    }

    /**
     * chmod without following links (the JDK then opens with O_NOFOLLOW and uses fchmod). It is another descriptor
     * of the lock file, which is harmless only because nothing is locked through {@code created} yet.
     */
    private static void shareWithGroup(Path file, FileChannel created) throws IOException {
        try {
            Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setPermissions(OWNER_AND_GROUP);
        } catch (IOException | RuntimeException e) {
            created.close();
            throw e;
        }
    }

    /** A symbolic link where a lock file belongs fails with ELOOP: say what it is. */
    private static IOException refusedLink(Path file, FileSystemException e) {
        if (Files.isSymbolicLink(file)) {
            return new FileSystemException(file.toString(), null,
                    "a symbolic link where a lock file belongs; Baton never follows links to lock files");
        }
        return e;
    }
}
