package dev.baton.lock.file;

import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.ToIntFunction;

/**
 * Which file (device and inode) an open channel and a path name: the identity re-check that lets lock files be
 * removed safely. A process that took the lock on a file that has since been unlinked holds a lock nobody else will
 * ever meet; comparing the channel's inode with the one linked at the path tells.
 *
 * <p>Java has no fstat: the channel's descriptor number is read from the JDK's FileChannelImpl (directly through
 * {@link ChannelDescriptor} where the agent's entry point exported {@code jdk.internal.misc} to Baton; else through
 * reflection on package {@code sun.nio.ch}, which the agent opens to itself; tests pass {@code --add-opens}) and the
 * inode from
 * {@code /proc/self/fd/N} (Linux) or {@code /dev/fd/N}. Stat of that link does not open the file, so it cannot drop
 * the process's fcntl locks as a second descriptor would. Where any of this is missing, {@link #supported()} is
 * false and lock files are never removed.
 */
final class FileIdentity {
    /**
     * The fallback reading, through core reflection, not method handles: this runs in the first lock of every
     * short-lived tool, and adapting method handles spins classes there (on JDK 17 these reflective calls spin
     * nothing; on JDK 18 and later reflection itself runs on method handles, hence {@link ChannelDescriptor}).
     */
    private static final Field CHANNEL_FD;
    private static final Method FD_NUMBER;
    private static final Path DESCRIPTORS;
    /** {@link ChannelDescriptor} where it can work, else null (the reflective reading above is used). */
    private static final ToIntFunction<FileChannel> DIRECT = directOrNull();

    static {
        Field channelFd = null;
        Method fdNumber = null;
        Path descriptors = null;
        try {
            Class<?> channelImpl = Class.forName("sun.nio.ch.FileChannelImpl");
            channelFd = channelImpl.getDeclaredField("fd");
            channelFd.setAccessible(true);
            fdNumber = Class.forName("sun.nio.ch.IOUtil").getDeclaredMethod("fdVal", FileDescriptor.class);
            fdNumber.setAccessible(true);
            for (String candidate : new String[] {"/proc/self/fd", "/dev/fd"}) {
                if (Files.isDirectory(Path.of(candidate))) {
                    descriptors = Path.of(candidate);
                    break;
                }
            }
        } catch (ReflectiveOperationException | RuntimeException unavailable) {
            channelFd = null;
        }
        CHANNEL_FD = descriptors == null ? null : channelFd;
        FD_NUMBER = fdNumber;
        DESCRIPTORS = descriptors;
    }

    private FileIdentity() {
    }

    @SuppressWarnings("unchecked")
    private static ToIntFunction<FileChannel> directOrNull() {
        try {
            return (ToIntFunction<FileChannel>) Class.forName(FileIdentity.class.getPackageName()
                    + ".ChannelDescriptor").getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | RuntimeException notExportedHere) {
            return null;
        }
    }

    /** The channel's descriptor number, read without reflection where the agent allows it. */
    static int descriptorNumber(FileChannel channel) throws IOException {
        if (DIRECT != null) {
            try {
                return DIRECT.applyAsInt(channel);
            } catch (RuntimeException notJdkChannel) {
                // Read reflectively below, which says what is wrong.
            }
        }
        return reflectiveDescriptorNumber(channel);
    }

    /** The same number through core reflection (the fallback; compared with the direct reading by a test). */
    static int reflectiveDescriptorNumber(FileChannel channel) throws IOException {
        try {
            return (Integer) FD_NUMBER.invoke(null, (FileDescriptor) CHANNEL_FD.get(channel));
        } catch (Throwable t) {
            throw new IOException("cannot read the descriptor of a lock file channel", t);
        }
    }

    /** Whether descriptor numbers are read through {@link ChannelDescriptor} here (for its test). */
    static boolean readsDirectly() {
        return DIRECT != null;
    }

    /** Whether channels can be compared with paths here. */
    static boolean supported() {
        return CHANNEL_FD != null;
    }

    /** The (device, inode) of the file the channel has open, linked or not. */
    static Object ofChannel(FileChannel channel) throws IOException {
        int fd = descriptorNumber(channel);
        return Files.readAttributes(DESCRIPTORS.resolve(Integer.toString(fd)), BasicFileAttributes.class).fileKey();
    }

    /** The (device, inode) linked at {@code path} (links not followed), or null when nothing is there. */
    static Object ofPath(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (NoSuchFileException gone) {
            return null;
        }
    }

    /** True when {@code channel} still has open the very file linked at {@code path}. */
    static boolean stillLinked(FileChannel channel, Path path) throws IOException {
        Object linked = ofPath(path);
        return linked != null && linked.equals(ofChannel(channel));
    }
}
