package dev.baton.lock.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two readings of a channel's descriptor number agree, and a channel that is not the JDK's is refused. */
class FileIdentityTest {
    @TempDir
    Path dir;

    @Test
    void theDirectReadingIsTheReflectiveOne() throws IOException {
        assertTrue(FileIdentity.readsDirectly(), "jdk.internal.misc is exported to the tests as the agent does");
        try (FileChannel first = FileChannel.open(dir.resolve("a"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
                FileChannel second = FileChannel.open(dir.resolve("b"), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE)) {
            int a = FileIdentity.descriptorNumber(first);
            int b = FileIdentity.descriptorNumber(second);
            assertEquals(FileIdentity.reflectiveDescriptorNumber(first), a);
            assertEquals(FileIdentity.reflectiveDescriptorNumber(second), b);
            assertTrue(a > 2 && b > 2 && a != b, a + " " + b);
            assertTrue(FileIdentity.stillLinked(first, dir.resolve("a")));
            assertTrue(!FileIdentity.stillLinked(first, dir.resolve("b")));
        }
    }

    @Test
    void aChannelThatIsNotTheJdksIsRefusedNotRead() {
        assertThrows(IOException.class, () -> FileIdentity.descriptorNumber(new NotAJdkChannel()));
    }

    /** A FileChannel of its own: Unsafe must never read the JDK's field offsets from it. */
    private static final class NotAJdkChannel extends FileChannel {
        @Override
        public int read(ByteBuffer dst) {
            return -1;
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) {
            return -1;
        }

        @Override
        public int write(ByteBuffer src) {
            return 0;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            return 0;
        }

        @Override
        public long position() {
            return 0;
        }

        @Override
        public FileChannel position(long newPosition) {
            return this;
        }

        @Override
        public long size() {
            return 0;
        }

        @Override
        public FileChannel truncate(long size) {
            return this;
        }

        @Override
        public void force(boolean metaData) {
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) {
            return 0;
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) {
            return 0;
        }

        @Override
        public int read(ByteBuffer dst, long position) {
            return -1;
        }

        @Override
        public int write(ByteBuffer src, long position) {
            return 0;
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void implCloseChannel() {
        }
    }
}
