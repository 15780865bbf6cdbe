package dev.baton.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the kernel says about POSIX (fcntl) locks, from /proc/locks: which process waits for a lock on which file. A
 * blocked request is listed as {@code N: -> POSIX ADVISORY WRITE PID MAJ:MIN:INODE START END}. Lets a test wait for
 * "this process is queued in the kernel" as a condition instead of sleeping.
 */
public final class KernelLocks {
    private static final Path PROC_LOCKS = Path.of("/proc/locks");

    private KernelLocks() {
    }

    public static boolean available() {
        return Files.isReadable(PROC_LOCKS);
    }

    /** Whether process {@code pid} is blocked waiting for a lock on {@code file}, range starting at {@code start}. */
    public static boolean waiting(long pid, Path file, long start) throws IOException {
        long inode = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
        for (String line : lines()) {
            String[] fields = line.trim().split("\\s+");
            // "N:" "->" "POSIX" "ADVISORY" "WRITE" PID DEV:INODE START END
            if (fields.length >= 9 && fields[1].equals("->") && fields[2].equals("POSIX")
                    && fields[5].equals(Long.toString(pid)) && inodeOf(fields[6]) == inode
                    && fields[7].equals(Long.toString(start))) {
                return true;
            }
        }
        return false;
    }

    private static long inodeOf(String device) {
        int colon = device.lastIndexOf(':');
        try {
            return Long.parseLong(device.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static List<String> lines() throws IOException {
        return Files.readAllLines(PROC_LOCKS);
    }
}
