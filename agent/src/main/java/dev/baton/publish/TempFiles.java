package dev.baton.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import dev.baton.lock.LockRecord;
import dev.baton.lock.LockState;
import dev.baton.lock.ThisProcess;

/**
 * The hidden sibling a transfer writes before it is published: {@code .NAME.baton-PID-GENERATION.tmp}, where NAME
 * is at most 60 bytes of the target's name (so any name the file system accepts gets a temp name it accepts too).
 *
 * <p>A holder of the target's lock names its temp by its process id and its generation of the lock, both in the lock
 * record. So the next holder, finding the previous holder's record still "in progress" (it died, or failed to clean
 * up), knows the one temp file that holder may have left and removes exactly that: no directory listing, no age
 * threshold, and never the file of a process that may still be writing (a holder that is gone holds no lock; nobody
 * else writes a locked name). The record is data written by whoever held the lock: only its numbers are used, and
 * only to form a name of this very pattern. A transfer that runs without the lock (timeout with policy proceed, lock
 * unavailable) uses a random name instead, which nobody else ever removes.
 */
public final class TempFiles {
    private static final String MARKER = ".baton-";
    private static final String SUFFIX = ".tmp";
    private static final int MAX_NAME_BYTES = 60;
    /** The pid the lock record names, so the next holder finds the temp by the record. */
    private static final long PID = ThisProcess.PID;

    private TempFiles() {
    }

    /** The temp of this process holding generation {@code generation} of the target's lock. */
    public static Path forHolder(PublishTarget target, long generation) {
        return named(target, PID + "-" + generation);
    }

    /** The temp of a transfer that runs without the lock. */
    public static Path unlocked(PublishTarget target) {
        return named(target, PID + "-u" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1));
    }

    /** Removes what the previous holder left if it did not finish: its record is still "in progress". */
    public static void removeLeftoverOf(LockRecord previous, PublishTarget target) {
        if (previous.state() != LockState.IN_PROGRESS || previous.pid() <= 0 || previous.generation() <= 0) {
            return;
        }
        try {
            Files.deleteIfExists(named(target, previous.pid() + "-" + previous.generation()));
        } catch (IOException ignored) {
            // Another try by the next holder; a leftover temp harms nobody.
        }
    }

    /**
     * Creates the temp exclusively (a file, link or anything else already there is an error, never followed), with
     * the permissions the application's call would leave on the target: an existing target's, when the call writes
     * through it; the process's default (umask) otherwise.
     */
    public static void create(Path temp, PublishTarget target, boolean keepsTargetPermissions) throws IOException {
        Files.createFile(temp);
        if (keepsTargetPermissions && target.isCompleteFile()) {
            try {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(target.path());
                Files.getFileAttributeView(temp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .setPermissions(permissions);
            } catch (UnsupportedOperationException notPosix) {
                // Nothing to copy.
            }
        }
    }

    public static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // Best effort; a holder's leftover is removed by the next holder.
        }
    }

    private static Path named(PublishTarget target, String suffix) {
        return target.directory().resolve("." + bounded(target.path().getFileName().toString()) + MARKER + suffix
                + SUFFIX);
    }

    /** The longest prefix of the name within MAX_NAME_BYTES of UTF-8, never cutting a character. */
    public static String bounded(String name) {
        int bytes = 0;
        for (int i = 0; i < name.length();) {
            int codePoint = name.codePointAt(i);
            int width = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + width > MAX_NAME_BYTES) {
                return name.substring(0, i);
            }
            bytes += width;
            i += Character.charCount(codePoint);
        }
        return name;
    }

    /** Whether a file name is a Baton temp (for tests and tools). */
    public static boolean isTemp(String fileName) {
        return fileName.startsWith(".") && fileName.contains(MARKER) && fileName.endsWith(SUFFIX);
    }
}
