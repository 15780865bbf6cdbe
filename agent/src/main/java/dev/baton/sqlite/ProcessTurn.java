package dev.baton.sqlite;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import dev.baton.log.BatonLog;

import dev.baton.lock.ThisProcess;

/**
 * This process's turn to write one database file, among all Baton processes of the machine: an fcntl lock on a small
 * file beside the database, {@code DATABASE-baton-queue}. The kernel keeps waiting processes in arrival order and
 * frees the turn of a process that dies, at once.
 *
 * <p>Layout of the file: bytes 0-127 say who took the turn last ({@code pid@host}, shown to a writer that gives up);
 * an exclusive lock on byte 128 is the turn; every process waiting for the turn holds a shared lock on byte 129, so
 * the holder can tell whether anyone waits (its exclusive try-lock there fails) without polling anything.
 *
 * <p>Why beside the database and not in baton.lock.dir: every process writing the database can reach that directory
 * (SQLite puts its -journal, -wal and -shm files there), whatever each one's configuration says, so all of them meet
 * on the same lock. The file is created with the database's read/write permissions, never through a link, never in
 * a world-writable directory without the sticky bit, and never deleted (deleting a lock file breaks exclusion).
 *
 * <p>The turn belongs to the process, not to a thread (fcntl locks are per process): it is taken and released with
 * one system call on whichever thread runs the transaction. A blocking wait runs on a Baton daemon thread, never on
 * the caller's (which may be virtual); FileChannel operations close the channel when their thread is interrupted, so
 * the caller's interrupt status is set aside around them. SQLite's own lock stays the authority: this file only
 * decides who asks SQLite first.
 */
final class ProcessTurn {
    private static final Logger LOG = BatonLog.get();
    static final String SUFFIX = "-baton-queue";
    private static final long TURN = 128;
    private static final long WAITING = 129;
    private static final int RECORD_SIZE = 128;
    private static final int STICKY = 01000;
    private static final int OTHERS_WRITE = 0002;
    private static final byte[] RECORD = padded(ThisProcess.PID + "@" + ThisProcess.HOST);

    /** Blocking waits, one thread per database being waited for; idle threads end after a minute. */
    private static final ExecutorService WAITERS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(null, runnable, "baton-sqlite-queue", 0, false);
                thread.setDaemon(true);
                return thread;
            });

    private final Path file;
    private final ReentrantLock guard = new ReentrantLock();
    private final Condition waitEnded = guard.newCondition();
    private FileChannel channel;
    private FileLock turn;
    /** A blocking wait for the turn is under way on a waiter thread. */
    private boolean waiting;
    /** Threads currently waiting for that wait's outcome; when none is left, a turn that arrives is handed back. */
    private int claimants;

    private ProcessTurn(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * The queue file of {@code database} (an existing file), opened or created; null when this database cannot have
     * one (the directory is not writable, is world-writable without the sticky bit, the name is a link...): its
     * writers then queue only inside this JVM, and SQLite alone orders the processes.
     */
    static ProcessTurn open(Path database) {
        Path file = null;
        try {
            Path real = database.toRealPath();
            file = real.resolveSibling(real.getFileName() + SUFFIX);
            if (!safeDirectory(real.getParent())) {
                LOG.debug("no cross-process write queue for {}: its directory is world-writable without the sticky"
                        + " bit", real);
                return null;
            }
            return new ProcessTurn(file, openChannel(file, real));
        } catch (IOException | RuntimeException e) {
            LOG.debug("no cross-process write queue at {}: {}", file == null ? database : file, e.toString());
            return null;
        }
    }

    private static boolean safeDirectory(Path directory) throws IOException {
        if (directory == null) {
            return false;
        }
        try {
            int mode = (Integer) Files.getAttribute(directory, "unix:mode");
            return (mode & OTHERS_WRITE) == 0 || (mode & STICKY) != 0;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return true; // No unix view (not Linux or macOS): no world-writable directories to worry about.
        }
    }

    private static FileChannel openChannel(Path file, Path database) throws IOException {
        FileChannel opened;
        try {
            opened = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            giveDatabasePermissions(file, database);
        } catch (FileAlreadyExistsException exists) {
            opened = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        }
        if (!Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isRegularFile()) {
            opened.close();
            throw new IOException(file + " is not a regular file");
        }
        return opened;
    }

    /** Whoever may write the database may queue for it: the database's read and write bits, nothing else. */
    private static void giveDatabasePermissions(Path file, Path database) {
        try {
            Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
            for (PosixFilePermission permission : Files.getPosixFilePermissions(database)) {
                if (!permission.name().endsWith("EXECUTE")) {
                    permissions.add(permission);
                }
            }
            Files.setPosixFilePermissions(file, permissions);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("permissions of {} left as created: {}", file, e.toString());
        }
    }

    /** Whether this process holds the turn. */
    boolean held() {
        guard.lock();
        try {
            return turn != null && turn.isValid();
        } finally {
            guard.unlock();
        }
    }

    /** Takes the turn if no other process holds it and no wait is under way; never blocks. */
    boolean tryTake() {
        guard.lock();
        try {
            if (held()) {
                return true;
            }
            if (waiting || !ensureOpen()) {
                return false;
            }
            boolean interrupted = Thread.interrupted();
            try {
                FileLock taken = channel.tryLock(TURN, 1, false);
                if (taken != null) {
                    took(taken);
                }
                return turn != null;
            } catch (IOException | OverlappingFileLockException e) {
                broken(e);
                return false;
            } finally {
                restore(interrupted);
            }
        } finally {
            guard.unlock();
        }
    }

    /**
     * Waits for the turn until {@code deadlineNanos} (System.nanoTime). The wait itself runs on a waiter thread and
     * goes on when the caller gives up: if the turn arrives with nobody left to claim it, it is handed back at once.
     * An interrupt ends the caller's wait (the flag stays set). True when this process now holds the turn.
     */
    boolean await(long deadlineNanos) {
        guard.lock();
        try {
            if (held()) {
                return true;
            }
            if (!waiting && !startWait()) {
                return false;
            }
            claimants++;
            try {
                while (turn == null && waiting) {
                    long left = deadlineNanos - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    try {
                        waitEnded.awaitNanos(left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                return turn != null;
            } finally {
                claimants--;
            }
        } finally {
            guard.unlock();
        }
    }

    private boolean startWait() {
        if (!ensureOpen()) {
            return false;
        }
        FileChannel used = channel;
        try {
            WAITERS.execute(() -> blockInKernel(used));
        } catch (RejectedExecutionException e) {
            return false;
        }
        waiting = true;
        return true;
    }

    /** On a waiter thread, which nobody interrupts: queue in the kernel, flagged as waiting meanwhile. */
    private void blockInKernel(FileChannel used) {
        FileLock taken = null;
        try {
            FileLock flag = used.lock(WAITING, 1, true);
            try {
                taken = used.lock(TURN, 1, false);
            } finally {
                flag.release();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("waiting for the write turn at {} failed: {}", file, e.toString());
        }
        guard.lock();
        try {
            waiting = false;
            if (taken != null) {
                if (claimants > 0 && used == channel) {
                    took(taken);
                } else {
                    releaseQuietly(taken);
                }
            }
            waitEnded.signalAll();
        } finally {
            guard.unlock();
        }
    }

    /**
     * Records this process as the turn's taker, unless the record says so already (this process took it last):
     * reading is cheaper than writing, which dirties the file's page and makes the kernel write it back.
     */
    private void took(FileLock taken) {
        turn = taken;
        try {
            ByteBuffer current = ByteBuffer.allocate(RECORD_SIZE);
            while (current.hasRemaining() && channel.read(current, current.position()) > 0) {
                // Read the whole record.
            }
            if (current.hasRemaining() || !java.util.Arrays.equals(current.array(), RECORD)) {
                ByteBuffer record = ByteBuffer.wrap(RECORD);
                while (record.hasRemaining()) {
                    channel.write(record, record.position());
                }
            }
        } catch (IOException e) {
            broken(e); // Only informational, but a closed channel lost the turn with it.
        }
    }

    /** Hands the turn back to the other processes; does nothing when not held. */
    void release() {
        guard.lock();
        try {
            FileLock held = turn;
            turn = null;
            if (held != null) {
                boolean interrupted = Thread.interrupted();
                try {
                    releaseQuietly(held);
                } finally {
                    restore(interrupted);
                }
            }
        } finally {
            guard.unlock();
        }
    }

    /** For the holder: whether another process waits for the turn. True when it cannot tell (safe: it yields). */
    boolean othersWaiting() {
        guard.lock();
        try {
            boolean interrupted = Thread.interrupted();
            try {
                FileLock probe = channel.tryLock(WAITING, 1, false);
                if (probe == null) {
                    return true;
                }
                probe.release();
                return false;
            } catch (IOException | OverlappingFileLockException e) {
                return true;
            } finally {
                restore(interrupted);
            }
        } finally {
            guard.unlock();
        }
    }

    /** Who took the turn last, as the record says; null when unknown or unreadable. */
    TurnHolder lastHolder() {
        guard.lock();
        try {
            if (!ensureOpen()) {
                return null;
            }
            ByteBuffer buffer = ByteBuffer.allocate(RECORD_SIZE);
            boolean interrupted = Thread.interrupted();
            try {
                while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
                    // Read the whole record.
                }
            } catch (IOException e) {
                return null;
            } finally {
                restore(interrupted);
            }
            return TurnHolder.parse(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
        } finally {
            guard.unlock();
        }
    }

    /** Closes the file if nothing is held or awaited (the registry keeps a bounded number open). */
    boolean closeIfIdle() {
        guard.lock();
        try {
            if (turn != null || waiting) {
                return false;
            }
            closeQuietly();
            return true;
        } finally {
            guard.unlock();
        }
    }

    private boolean ensureOpen() {
        if (channel.isOpen()) {
            return true;
        }
        turn = null;
        try {
            channel = openChannel(file, file.resolveSibling(databaseName()));
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot reopen the write queue {}: {}", file, e.toString());
            return false;
        }
    }

    private String databaseName() {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - SUFFIX.length());
    }

    /** An interrupt or an I/O error closed the channel: the kernel dropped the turn with it. */
    private void broken(Exception e) {
        LOG.debug("write queue {} closed: {}", file, e.toString());
        turn = null;
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing {} failed: {}", file, e.toString());
        }
    }

    private void releaseQuietly(FileLock lock) {
        try {
            lock.release();
        } catch (IOException e) {
            broken(e); // A close releases it for sure.
        }
    }

    private static void restore(boolean interrupted) {
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] padded(String text) {
        byte[] record = new byte[RECORD_SIZE];
        java.util.Arrays.fill(record, (byte) ' ');
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, record, 0, Math.min(bytes.length, RECORD_SIZE - 1));
        record[RECORD_SIZE - 1] = '\n';
        return record;
    }
}
