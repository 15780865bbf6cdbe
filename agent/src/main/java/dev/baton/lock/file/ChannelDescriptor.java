package dev.baton.lock.file;

import java.io.FileDescriptor;
import java.nio.channels.FileChannel;
import java.util.function.ToIntFunction;

import jdk.internal.misc.Unsafe;

/**
 * The descriptor number of a JDK file channel, read from its fields with {@code jdk.internal.misc.Unsafe}: the fast
 * path of {@link FileIdentity}. On JDK 18 and later core reflection runs on method handles, and reading these two
 * fields through it spun 5 classes at the first lock of every short-lived tool (about 3 ms of CPU on JDK 25).
 *
 * <p>Compiled on its own with {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED} (agent/pom.xml, like
 * {@code BootLoaderDefiner}), so no other Baton class names it: FileIdentity makes it by name through its public
 * no-argument constructor (which spins nothing) and calls it as a {@code ToIntFunction}. Only the agent's entry point
 * exports that package, to Baton's loader; anywhere else (unit tests without the export) this class fails to
 * initialise and FileIdentity reads the fields reflectively.
 */
public final class ChannelDescriptor implements ToIntFunction<FileChannel> {
    private static final Unsafe UNSAFE = Unsafe.getUnsafe();
    private static final Class<?> CHANNEL_IMPL;
    private static final long CHANNEL_FD;
    private static final long DESCRIPTOR_NUMBER;

    static {
        try {
            CHANNEL_IMPL = Class.forName("sun.nio.ch.FileChannelImpl");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        CHANNEL_FD = UNSAFE.objectFieldOffset(CHANNEL_IMPL, "fd");
        DESCRIPTOR_NUMBER = UNSAFE.objectFieldOffset(FileDescriptor.class, "fd");
    }

    /** Made by FileIdentity by name; the class's initialisation fails where jdk.internal.misc is not exported. */
    public ChannelDescriptor() {
    }

    @Override
    public int applyAsInt(FileChannel channel) {
        // Unsafe reads whatever is at the offset: only ever on the class whose field layout it was computed for.
        if (!CHANNEL_IMPL.isInstance(channel)) {
            throw new IllegalArgumentException("not a JDK file channel: " + channel.getClass().getName());
        }
        FileDescriptor descriptor = (FileDescriptor) UNSAFE.getReference(channel, CHANNEL_FD);
        return UNSAFE.getInt(descriptor, DESCRIPTOR_NUMBER);
    }
}
