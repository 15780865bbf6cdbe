package dev.baton.lock.interim;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.baton.core.Locks;

/**
 * Interim file locks (until the lock service lands): one lock file per key, named by SHA-256, fcntl exclusion across
 * processes, a fair in-JVM lock per key in front of it (fcntl cannot exclude threads of one JVM), and a small record
 * in the file (generation, state, holder) read and written only through the one channel per key.
 */
public final class InterimFileLocks implements Locks {
    private static final Logger LOG = LoggerFactory.getLogger("baton");
    private static final String DONE = "done";
    private static final String IN_PROGRESS = "in-progress";

    private final Path dir;
    private final Duration defaultTimeout;
    private final ConcurrentHashMap<String, KeyLock> keys = new ConcurrentHashMap<>();
    private final String identity;

    public InterimFileLocks(Path dir, Duration defaultTimeout) throws IOException {
        this.dir = dir;
        this.defaultTimeout = defaultTimeout;
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // Not POSIX, or not our directory: the lock files still work.
        }
        this.identity = ProcessHandle.current().pid() + "@" + hostName();
    }

    /** In-JVM state of one key: the fair lock, the one channel, the kernel lock while held. */
    private static final class KeyLock {
        final ReentrantLock threads = new ReentrantLock(true);
        final FileChannel channel;
        FileLock kernel;

        KeyLock(FileChannel channel) {
            this.channel = channel;
        }
    }

    @Override
    public Lease acquire(String scope, String key, String purpose, Duration timeout, String onTimeout)
            throws IOException, InterruptedException {
        String name = sha256(scope + "\0" + key);
        KeyLock lock = keys.computeIfAbsent(name, n -> open(dir.resolve(n + ".lock")));
        Duration wait = timeout != null ? timeout : defaultTimeout;
        long deadline = wait.isZero() ? Long.MAX_VALUE : System.nanoTime() + wait.toNanos();
        if (lock.threads.isHeldByCurrentThread()) {
            lock.threads.lock();
            return new Held(lock, false, false, true);
        }
        String[] before = read(lock);
        boolean contended = !lock.threads.tryLock();
        if (contended) {
            logWait(key, before);
            if (!lock.threads.tryLock(remaining(deadline), TimeUnit.NANOSECONDS)) {
                return timedOut(key, before, onTimeout);
            }
        }
        try {
            FileLock kernel = lock.channel.tryLock();
            while (kernel == null) {
                if (!contended) {
                    contended = true;
                    logWait(key, read(lock));
                }
                if (System.nanoTime() > deadline) {
                    lock.threads.unlock();
                    return timedOut(key, before, onTimeout);
                }
                // Interim: short polling. The lock service proper blocks in the kernel on a dedicated thread.
                TimeUnit.MILLISECONDS.sleep(2);
                kernel = lock.channel.tryLock();
            }
            lock.kernel = kernel;
            String[] now = read(lock);
            boolean previouslyDone = DONE.equals(now[1]);
            boolean peerDone = previouslyDone && (gen(now) > gen(before) || IN_PROGRESS.equals(before[1]));
            write(lock, gen(now) + 1, IN_PROGRESS, purpose);
            return new Held(lock, peerDone, previouslyDone, false);
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (lock.threads.isHeldByCurrentThread()) {
                lock.threads.unlock();
            }
            throw e;
        }
    }

    private Lease timedOut(String key, String[] holder, String onTimeout) throws IOException {
        if ("fail".equals(onTimeout)) {
            throw new IOException("Baton: timed out waiting for the lock of " + key + " held by " + holder[2]);
        }
        return new Unlocked();
    }

    private static long remaining(long deadline) {
        return deadline == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, deadline - System.nanoTime());
    }

    private void logWait(String key, String[] holder) {
        LOG.info("waiting for the lock of {} held by {} since {}", key, holder[2], holder[3]);
    }

    private final class Held implements Lease {
        private final KeyLock lock;
        private final boolean peerDone;
        private final boolean previouslyDone;
        private final boolean reentered;

        Held(KeyLock lock, boolean peerDone, boolean previouslyDone, boolean reentered) {
            this.lock = lock;
            this.peerDone = peerDone;
            this.previouslyDone = previouslyDone;
            this.reentered = reentered;
        }

        @Override
        public boolean previouslyDone() {
            return previouslyDone;
        }

        @Override
        public boolean locked() {
            return true;
        }

        @Override
        public boolean peerCompletedWhileWaiting() {
            return peerDone;
        }

        @Override
        public void markDone() {
            if (!reentered) {
                try {
                    String[] now = read(lock);
                    write(lock, gen(now), DONE, now[4]);
                } catch (IOException e) {
                    LOG.debug("could not mark done", e);
                }
            }
        }

        @Override
        public void close() {
            try {
                if (!reentered && lock.kernel != null) {
                    lock.kernel.release();
                    lock.kernel = null;
                }
            } catch (IOException e) {
                LOG.debug("could not release", e);
            } finally {
                lock.threads.unlock();
            }
        }
    }

    private static final class Unlocked implements Lease {
        @Override
        public boolean locked() {
            return false;
        }

        @Override
        public boolean previouslyDone() {
            return false;
        }

        @Override
        public boolean peerCompletedWhileWaiting() {
            return false;
        }

        @Override
        public void markDone() {
        }

        @Override
        public void close() {
        }
    }

    private static KeyLock open(Path file) {
        try {
            return new KeyLock(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Record: generation|state|holder|since|purpose, one line. */
    private static String[] read(KeyLock lock) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        lock.channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).trim();
        String[] fields = text.split("\\|", -1);
        return fields.length >= 5 ? fields : new String[] {"0", "", "unknown", "", ""};
    }

    private void write(KeyLock lock, long generation, String state, String purpose) throws IOException {
        String record = generation + "|" + state + "|" + identity + "|" + Instant.now() + "|" + purpose + "\n";
        lock.channel.truncate(0);
        lock.channel.write(ByteBuffer.wrap(record.getBytes(StandardCharsets.UTF_8)), 0);
    }

    private static long gen(String[] record) {
        try {
            return Long.parseLong(record[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }
}
