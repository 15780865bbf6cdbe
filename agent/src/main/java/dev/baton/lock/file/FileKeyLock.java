package dev.baton.lock.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import dev.baton.lock.Holder;
import dev.baton.lock.KeyLock;
import dev.baton.lock.LockId;
import dev.baton.lock.LockRecord;
import dev.baton.lock.LockState;

/**
 * One key's lock file, through the single channel this JVM has on it at a time.
 *
 * <h2>Removing lock files safely</h2>
 * A lock file no process uses is removed, so that any number of distinct keys leaves a bounded number of files. Two
 * byte ranges of the file are locked with fcntl (the record's bytes are independent of them):
 * <ul>
 * <li>{@code [0,1)} exclusive: the lock itself;</li>
 * <li>{@code [1,2)} shared: "interest", held by every process that has the file open, from the open to the close
 * (holding, waiting, or keeping it open for the next use).</li>
 * </ul>
 * A process removes the file only while holding the lock <em>and</em> an exclusive lock on the interest byte, which it
 * gets only when no other process has the file open, and only after re-checking that the path still names the file its
 * channel has open. A closing process drops its own interest before it tries, so the last of several closing together
 * always finds itself alone. Opening takes the shared interest lock (which waits while a remover holds the exclusive
 * one) and then re-checks the identity; a file removed meanwhile is closed and the new one opened. So every process
 * that holds or waits on a file holds it linked, and no two processes ever hold locks on two different files of one
 * key. Anyone deleting lock files outside this protocol (rm -rf of the directory) cannot break later acquisitions
 * either: the lock is taken only on a file that is still linked at its path, re-checked after every acquisition.
 */
final class FileKeyLock implements KeyLock {
    /** A reader racing a writer may see a torn record (the checksum tells); a few rereads usually get a whole one. */
    private static final int PEEK_ATTEMPTS = 3;
    private static final long LOCK_BYTE = 0;
    private static final long INTEREST_BYTE = 1;
    private static final int MAX_REOPENS = 1000;

    private final LockId id;
    private final Path file;
    private final boolean recreateDirectory;
    private final boolean removable;
    /** Null while closed: the next use opens the file again (creating it if it was removed). */
    private volatile FileChannel channel;
    private FileLock interest;
    private FileLock held;
    private LockRecord current;

    /**
     * @param recreateDirectory make the file's directory again when it has gone (a lock directory deleted mid-run)
     */
    FileKeyLock(LockId id, Path file, boolean recreateDirectory) {
        this.id = id;
        this.file = file;
        this.recreateDirectory = recreateDirectory;
        this.removable = FileIdentity.supported();
    }

    /** Opens the file now, so that an unusable location fails at once. */
    void open() throws IOException {
        openChannel();
    }

    @Override
    public boolean tryAcquire() throws IOException {
        for (int reopen = 0; reopen < MAX_REOPENS; reopen++) {
            FileChannel open = openChannel();
            FileLock lock = lockWithoutInterrupt(open, LOCK_BYTE, false, false);
            if (lock == null) {
                return false;
            }
            if (taken(open, lock)) {
                return true;
            }
        }
        throw keepsDisappearing();
    }

    @Override
    public void acquire() throws IOException {
        for (int reopen = 0; reopen < MAX_REOPENS; reopen++) {
            FileChannel open = openChannel();
            if (taken(open, open.lock(LOCK_BYTE, 1, false))) {
                return;
            }
        }
        throw keepsDisappearing();
    }

    /** Keeps the lock if the file is still the one linked at the path; otherwise lets it go and forgets the file. */
    private boolean taken(FileChannel open, FileLock lock) throws IOException {
        if (!removable || FileIdentity.stillLinked(open, file)) {
            held = lock;
            return true;
        }
        // Someone deleted the file outside the protocol: a lock on it excludes nobody.
        closeChannel();
        return false;
    }

    @Override
    public LockRecord claim(Holder holder) throws IOException {
        LockRecord previous = read(channel);
        long generation = Math.max(previous.generation(), 0) + 1;
        current = new LockRecord(generation, LockState.IN_PROGRESS, holder.pid(), holder.host(), id.scope(),
                holder.purpose(), id.redactedKey(), holder.since(), "");
        write(current);
        return previous;
    }

    @Override
    public void markDone(String detail) throws IOException {
        current = current.markedDone(detail);
        write(current);
    }

    @Override
    public void release() throws IOException {
        FileLock lock = held;
        held = null;
        current = null;
        if (lock != null && lock.isValid()) {
            lock.release();
        }
    }

    @Override
    public LockRecord peek() {
        FileChannel open = channel;
        if (open == null) {
            return LockRecord.UNKNOWN;
        }
        try {
            LockRecord record = LockRecord.UNKNOWN;
            for (int attempt = 0; attempt < PEEK_ATTEMPTS && !record.known(); attempt++) {
                record = read(open);
            }
            return record;
        } catch (IOException | RuntimeException e) {
            return LockRecord.UNKNOWN;
        }
    }

    @Override
    public String location() {
        return file.toString();
    }

    /** Removes the file if no other process has it open, then closes; the next use opens (or creates) it again. */
    @Override
    public void close() throws IOException {
        FileChannel open = channel;
        if (open == null) {
            return;
        }
        try {
            if (removable) {
                removeIfUnused(open);
            }
        } finally {
            closeChannel();
        }
    }

    /**
     * Drops this process's interest <em>before</em> asking whether anyone else has the file open: of several
     * processes closing at once, the last to drop its interest then finds nobody and removes the file. (Asking
     * first and dropping at close let two closers each see the other and both leave the file.)
     */
    private void removeIfUnused(FileChannel open) throws IOException {
        interest.release();
        interest = null;
        FileLock alone = open.tryLock(INTEREST_BYTE, 1, false);
        if (alone == null) {
            return; // Another process has the file open: it removes the file when it closes in turn.
        }
        try {
            FileLock lock = open.tryLock(LOCK_BYTE, 1, false);
            if (lock == null) {
                return; // Held by a process outside this protocol: leave its file alone.
            }
            try {
                if (FileIdentity.stillLinked(open, file)) {
                    Files.delete(file);
                }
            } catch (NoSuchFileException alreadyGone) {
                // Removed outside the protocol; nothing left to do.
            } finally {
                lock.release();
            }
        } finally {
            alone.release();
        }
    }

    /**
     * The open channel, opening the file first if needed: the shared interest lock, then the identity re-check (a
     * file removed between our open and our interest lock is closed and the new one opened).
     */
    private FileChannel openChannel() throws IOException {
        FileChannel open = channel;
        if (open != null) {
            return open;
        }
        for (int reopen = 0; reopen < MAX_REOPENS; reopen++) {
            FileChannel opened = openOrRecreateDirectory();
            try {
                FileLock shared = lockWithoutInterrupt(opened, INTEREST_BYTE, true, true);
                if (!removable || FileIdentity.stillLinked(opened, file)) {
                    interest = shared;
                    channel = opened;
                    return opened;
                }
            } catch (IOException | RuntimeException e) {
                closeQuietly(opened);
                throw e;
            }
            closeQuietly(opened);
        }
        throw keepsDisappearing();
    }

    private FileChannel openOrRecreateDirectory() throws IOException {
        try {
            return LockFiles.open(file);
        } catch (NoSuchFileException e) {
            if (!recreateDirectory || Files.isDirectory(file.getParent())) {
                throw e;
            }
            FileLockBackend.recreate(file.getParent());
            return LockFiles.open(file);
        }
    }

    private void closeChannel() throws IOException {
        FileChannel open = channel;
        channel = null;
        interest = null;
        held = null;
        if (open != null) {
            open.close(); // Releases every lock this process has on the file.
        }
    }

    private static void closeQuietly(FileChannel open) {
        try {
            open.close();
        } catch (IOException ignored) {
            // Nothing was locked through it that matters.
        }
    }

    private IOException keepsDisappearing() {
        return new IOException("the lock file " + file + " of " + id + " keeps being removed while Baton opens it");
    }

    /**
     * A lock call on a thread whose interrupt flag is already set would close the channel every thread of this JVM
     * shares; the flag is kept aside for the (short, non-blocking or briefly blocking) call and then restored. The
     * call is spelled out, not passed as a lambda: this runs in the first lock of every short-lived tool.
     *
     * @param wait lock (wait for the byte) rather than tryLock
     */
    private static FileLock lockWithoutInterrupt(FileChannel channel, long position, boolean shared, boolean wait)
            throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            return wait ? channel.lock(position, 1, shared) : channel.tryLock(position, 1, shared);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Positional read through the shared channel: never a second descriptor, which would drop the lock on close. */
    private static LockRecord read(FileChannel open) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(LockFileFormat.SIZE);
        long position = 0;
        while (buffer.hasRemaining()) {
            int n = open.read(buffer, position);
            if (n < 0) {
                break;
            }
            position += n;
        }
        buffer.flip();
        return LockFileFormat.decode(buffer);
    }

    /**
     * One fixed-size positional write, so the file never shrinks and a concurrent reader sees either record or a
     * torn mix that fails the checksum. Not forced to disk: after a machine crash no fcntl lock survives anyway,
     * and a lost record only makes the next holder redo idempotent work.
     */
    private void write(LockRecord record) throws IOException {
        ByteBuffer buffer = LockFileFormat.encode(record);
        long position = 0;
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
    }
}
