package dev.baton.download;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Publishes a download atomically: the transfer writes a hidden temp sibling of the target, and a rename makes the
 * complete file appear at once. Readers never see a partial target; a crash leaves only a temp file.
 *
 * <p>Temp files are named {@code .NAME.baton-RANDOM.tmp}. Only the holder of the target's lock writes them, so a
 * holder that finds other temps of its target knows they are left over from a crashed holder and deletes them: no
 * clock or age threshold is needed.
 */
final class AtomicPublisher {
    private static final String MARKER = ".baton-";

    private AtomicPublisher() {
    }

    /** A fresh temp path next to the target (same directory, so the rename stays on one file system). */
    static Path tempFor(Path target) {
        String name = "." + target.getFileName() + MARKER + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".tmp";
        return target.resolveSibling(name);
    }

    /** Moves the complete temp file over the target in one step. */
    static void publish(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Only on file systems without rename(2) semantics; still better than writing in place.
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void discard(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // A leftover temp is removed by the next holder of the lock.
        }
    }

    /** Called while holding the target's lock: temps of this target belong to holders that died. */
    static void removeLeftovers(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        String prefix = "." + target.getFileName() + MARKER;
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, prefix + "*.tmp")) {
            for (Path temp : temps) {
                discard(temp);
            }
        } catch (IOException ignored) {
            // Cleaning is best effort.
        }
    }
}
