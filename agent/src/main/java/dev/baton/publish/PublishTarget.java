package dev.baton.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The file a download call (or a {@code publish=argN} rule) really writes, and the directory its lock and temp file
 * live in. Resolved as the kernel resolves the application's path: the parent directory through {@code toRealPath}
 * (symbolic links and {@code ..} physically, so {@code missing/../x} does not exist, as for the JDK), and the last
 * name itself through its link only for calls that write through an existing file (commons-io, HttpClient's ofFile,
 * a method that writes its file argument in place); {@code Files.copy} replaces a link like any other file.
 *
 * @param path      the file written, in its real directory
 * @param directory the real directory (the lock's placement: the target's own file system)
 */
public record PublishTarget(Path path, Path directory) {
    /**
     * Null when the call cannot write there anyway (no such directory, not writable): Baton then stays out and the
     * application's own error stands.
     */
    public static PublishTarget resolve(Path requested, boolean followsLink) {
        Path absolute = requested.toAbsolutePath();
        Path name = absolute.getFileName();
        Path parent = absolute.getParent();
        if (name == null || parent == null || name.toString().equals(".") || name.toString().equals("..")) {
            return null;
        }
        try {
            Path directory = parent.toRealPath();
            Path path = directory.resolve(name.toString());
            if (followsLink && Files.isSymbolicLink(path)) {
                path = path.toRealPath();
                directory = path.getParent();
            }
            if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
                return null; // The call fails on its own; a lock there could not be taken either.
            }
            return new PublishTarget(path, directory);
        } catch (IOException missingOrDangling) {
            return null;
        }
    }

    /** The lock key: the real path. */
    public String key() {
        return path.toString();
    }

    public boolean exists() {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    public boolean isCompleteFile() {
        return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
    }
}
