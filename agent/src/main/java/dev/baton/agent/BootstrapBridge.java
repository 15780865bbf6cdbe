package dev.baton.agent;

import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;

/**
 * Makes the bridge ({@code dev.baton.bridge}, {@code dev.baton.jfr}) visible to the bootstrap loader, where code
 * rewritten into JDK classes can call it, without a line on the console.
 *
 * <p>The obvious ways both print "Sharing is only supported for boot loader classes because bootstrap classpath has
 * been appended" and switch off class data sharing for the application: a manifest {@code Boot-Class-Path} names a
 * fixed file (a renamed jar, {@code baton-agent-0.1.0.jar}, misses it) and is appended at run time when the agent is
 * attached, and {@link Instrumentation#appendToBootstrapClassLoaderSearch} is always a run-time append. So the
 * bridge's few classes are defined straight into the bootstrap loader instead, by Baton's own loader, the only
 * module that java.base's {@code jdk.internal.misc} is exported to (never the application's). Should that fail on
 * some JVM, the jar is appended after all: Baton works, and the JVM prints its notice.
 */
final class BootstrapBridge {
    private static final String BRIDGE_CLASS = "dev.baton.bridge.Baton";
    private static final String DEFINER_CLASS = "dev.baton.boot.BootLoaderDefiner";
    private static final String INTERNAL_PACKAGE = "jdk.internal.misc";

    private BootstrapBridge() {
    }

    static void install(Instrumentation instrumentation, Path jar, ClassLoader runtime) throws Exception {
        if (isVisible()) {
            return;
        }
        try {
            instrumentation.redefineModule(Object.class.getModule(), Set.of(),
                    Map.of(INTERNAL_PACKAGE, Set.of(runtime.getUnnamedModule())), Map.of(), Set.of(), Map.of());
            // A Runnable made by its no-argument constructor: no method handle or Method.invoke to adapt.
            ((Runnable) runtime.loadClass(DEFINER_CLASS).getDeclaredConstructor().newInstance()).run();
        } catch (Throwable e) {
            // Fall through to the documented way below.
        }
        if (!isVisible()) {
            instrumentation.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
        }
    }

    private static boolean isVisible() {
        try {
            Class.forName(BRIDGE_CLASS, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
