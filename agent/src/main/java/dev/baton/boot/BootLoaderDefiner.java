package dev.baton.boot;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Defines the bridge's classes in the bootstrap loader (see {@code dev.baton.agent.BootstrapBridge} for why). Runs
 * in Baton's own loader, to which alone the entry point exported {@code jdk.internal.misc}, before any class that
 * refers to the bridge is loaded: the bootstrap loader then finds the bridge among the classes it has defined.
 */
public final class BootLoaderDefiner {
    /** The bridge's packages as folders in the jar; everything in them is used only by java.base and jdk.jfr. */
    private static final List<String> BRIDGE_FOLDERS = List.of("dev/baton/bridge/", "dev/baton/jfr/");

    private BootLoaderDefiner() {
    }

    public static void defineBridge(Path agentJar) throws Exception {
        Map<String, byte[]> pending = bridgeClasses(agentJar);
        Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
        Object unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
        Method define = unsafeType.getMethod("defineClass", String.class, byte[].class, int.class, int.class,
                ClassLoader.class, ProtectionDomain.class);
        // A class whose super type is a bridge class not defined yet fails; it is tried again on the next round.
        while (!pending.isEmpty()) {
            List<String> defined = new ArrayList<>();
            Throwable lastFailure = null;
            for (Map.Entry<String, byte[]> entry : pending.entrySet()) {
                byte[] bytes = entry.getValue();
                try {
                    define.invoke(unsafe, entry.getKey(), bytes, 0, bytes.length, null, null);
                    defined.add(entry.getKey());
                } catch (InvocationTargetException e) {
                    lastFailure = e.getCause();
                }
            }
            if (defined.isEmpty()) {
                throw new IllegalStateException("cannot define " + pending.keySet(), lastFailure);
            }
            defined.forEach(pending::remove);
        }
    }

    private static Map<String, byte[]> bridgeClasses(Path agentJar) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (JarFile jar = new JarFile(agentJar.toFile(), false)) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.endsWith(".class") && BRIDGE_FOLDERS.stream().anyMatch(name::startsWith)) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
                        classes.put(className, in.readAllBytes());
                    }
                }
            }
        }
        return classes;
    }
}
