package dev.baton.lock.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;

import dev.baton.lock.Holder;
import dev.baton.lock.KeyLock;
import dev.baton.lock.LockId;
import dev.baton.lock.LockRecord;
import dev.baton.lock.LockState;

/** One key's lock file, through the single channel this JVM has on it. */
final class FileKeyLock implements KeyLock {
    /** A reader racing a writer may see a torn record (the checksum tells); a few rereads usually get a whole one. */
    private static final int PEEK_ATTEMPTS = 3;

    private final LockId id;
    private final Path file;
    private final FileChannel channel;
    private FileLock held;
    private LockRecord current;

    FileKeyLock(LockId id, Path file, FileChannel channel) {
        this.id = id;
        this.file = file;
        this.channel = channel;
    }

    @Override
    public boolean tryAcquire() throws IOException {
        held = channel.tryLock();
        return held != null;
    }

    @Override
    public void acquire() throws IOException {
        held = channel.lock();
    }

    @Override
    public LockRecord claim(Holder holder) throws IOException {
        LockRecord previous = read();
        long generation = Math.max(previous.generation(), 0) + 1;
        current = new LockRecord(generation, LockState.IN_PROGRESS, holder.pid(), holder.host(), id.scope(),
                holder.purpose(), id.redactedKey(), holder.since());
        write(current);
        return previous;
    }

    @Override
    public void markDone() throws IOException {
        current = current.markedDone();
        write(current);
    }

    @Override
    public void release() throws IOException {
        FileLock lock = held;
        held = null;
        current = null;
        if (lock != null) {
            lock.release();
        }
    }

    @Override
    public LockRecord peek() {
        try {
            LockRecord record = LockRecord.UNKNOWN;
            for (int attempt = 0; attempt < PEEK_ATTEMPTS && !record.known(); attempt++) {
                record = read();
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

    /** Positional read through the shared channel: never a second descriptor, which would drop the lock on close. */
    private LockRecord read() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(LockFileFormat.SIZE);
        long position = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position);
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

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
