package dev.baton.it.apps;

import java.util.concurrent.ThreadFactory;

/** Named virtual threads for apps compiled for Java 17: the Java 21 API is reached reflectively. */
public final class VirtualThreads {
    private VirtualThreads() {
    }

    /** Thread.ofVirtual().name(name).unstarted(task). */
    public static Thread unstarted(String name, Runnable task) throws ReflectiveOperationException {
        // Through the public interface Thread.Builder: the builder's class itself is not accessible.
        Class<?> builderType = Class.forName("java.lang.Thread$Builder");
        Object builder = builderType.getMethod("name", String.class)
                .invoke(Thread.class.getMethod("ofVirtual").invoke(null), name);
        return ((ThreadFactory) builderType.getMethod("factory").invoke(builder)).newThread(task);
    }
}
