package dev.baton.offload;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * "Is this a virtual thread?" for code compiled for Java 17. {@code Thread.isVirtual} is resolved once into a
 * constant method handle, so the check costs about as much as a direct call: it runs on every hooked sqlite-jdbc
 * call, platform threads included.
 */
final class VirtualThreads {
    /** Null before Java 21: no virtual threads, and Baton's offload feature does not start. */
    private static final MethodHandle IS_VIRTUAL = findIsVirtual();

    private VirtualThreads() {
    }

    static boolean supported() {
        return IS_VIRTUAL != null;
    }

    static boolean isCurrentVirtual() {
        return isVirtual(Thread.currentThread());
    }

    static boolean isVirtual(Thread thread) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(thread);
        } catch (Throwable t) {
            return false;
        }
    }

    private static MethodHandle findIsVirtual() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                    MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
