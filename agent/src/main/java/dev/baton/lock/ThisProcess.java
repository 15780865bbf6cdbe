package dev.baton.lock;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Identity of this process as shown to other processes waiting for a lock. */
public final class ThisProcess {
    public static final long PID = pid();
    public static final String HOST = hostName();

    private ThisProcess() {
    }

    /**
     * The process id as getpid() says it, read from the {@code /proc/self} link on Linux: ProcessHandle's first use
     * starts the JDK's process-reaper machinery (an executor, spun lambdas), milliseconds that the first lock of every
     * JVM would pay for a number.
     */
    private static long pid() {
        try {
            return Long.parseLong(Files.readSymbolicLink(Path.of("/proc/self")).toString());
        } catch (IOException | RuntimeException notLinux) {
            return ProcessHandle.current().pid();
        }
    }

    /**
     * The kernel's host name first: InetAddress.getLocalHost() may do a DNS lookup, which can hang for seconds on a
     * misconfigured machine, and lock acquisition must stay cheap.
     */
    private static String hostName() {
        try {
            String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).trim();
            if (!kernel.isEmpty()) {
                return kernel;
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux; try the next source.
        }
        for (String variable : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException | RuntimeException e) {
            return "unknown-host";
        }
    }
}
