package dev.baton.boot;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Defines the bridge's classes in the bootstrap loader (see {@code dev.baton.agent.BootstrapBridge} for why). Runs
 * in Baton's own loader, to which alone the entry point exported {@code jdk.internal.misc}, before any class that
 * refers to the bridge is loaded: the bootstrap loader then finds the bridge among the classes it has defined.
 * The build lists the bridge's class files in {@code inst/bridge.list}; this loader serves both the list and them.
 *
 * <p>Only the first class of each package goes through {@code Unsafe.defineClass}, through a method handle called
 * exactly (this code is compiled against the public API; on JDK 18 and later {@code Method.invoke} of that
 * signature costs some forty milliseconds of method-handle adaptation at every start); the others are defined with
 * a lookup in that class, which the bootstrap loader's unnamed module opens to everyone.
 */
public final class BootLoaderDefiner {
    private static final String LIST = "bridge.list";
    private static final String CLASS_SUFFIX = ".class";

    private BootLoaderDefiner() {
    }

    public static void defineBridge() throws Throwable {
        ClassLoader loader = BootLoaderDefiner.class.getClassLoader();
        Map<String, List<byte[]>> byPackage = new LinkedHashMap<>();
        for (String file : list(loader)) {
            String className = file.substring(0, file.length() - CLASS_SUFFIX.length()).replace('/', '.');
            String pkg = className.substring(0, className.lastIndexOf('.'));
            List<byte[]> classes = byPackage.get(pkg);
            if (classes == null) {
                classes = new ArrayList<>();
                byPackage.put(pkg, classes);
            }
            classes.add(read(loader, file));
        }
        Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        Object unsafe = (Object) lookup.findStatic(unsafeType, "getUnsafe", MethodType.methodType(unsafeType))
                .asType(MethodType.methodType(Object.class)).invokeExact();
        MethodHandle define = lookup.findVirtual(unsafeType, "defineClass", MethodType.methodType(Class.class,
                String.class, byte[].class, int.class, int.class, ClassLoader.class, ProtectionDomain.class))
                .asType(MethodType.methodType(Class.class, Object.class, String.class, byte[].class, int.class,
                        int.class, ClassLoader.class, ProtectionDomain.class));
        for (List<byte[]> classes : byPackage.values()) {
            definePackage(classes, unsafe, define);
        }
    }

    /**
     * Defines one package's classes: one through Unsafe, the rest through a lookup in it. A class whose super type
     * is not defined yet fails and is tried again in the next round.
     */
    private static void definePackage(List<byte[]> classes, Object unsafe, MethodHandle define) throws Throwable {
        List<byte[]> pending = new ArrayList<>(classes);
        MethodHandles.Lookup lookup = null;
        while (!pending.isEmpty()) {
            int before = pending.size();
            Throwable lastFailure = null;
            for (Iterator<byte[]> it = pending.iterator(); it.hasNext();) {
                byte[] bytes = it.next();
                try {
                    if (lookup == null) {
                        Class<?> first = (Class<?>) define.invokeExact(unsafe, (String) null, bytes, 0, bytes.length,
                                (ClassLoader) null, (ProtectionDomain) null);
                        lookup = MethodHandles.privateLookupIn(first, MethodHandles.lookup());
                    } else {
                        lookup.defineClass(bytes);
                    }
                    it.remove();
                } catch (LinkageError e) {
                    lastFailure = e;
                }
            }
            if (pending.size() == before) {
                throw new IllegalStateException("cannot define " + pending.size() + " bridge classes", lastFailure);
            }
        }
    }

    /** The class files the build listed: plain lines of ASCII, read without a charset decoder. */
    private static List<String> list(ClassLoader loader) throws IOException {
        List<String> files = new ArrayList<>();
        String text = new String(read(loader, LIST), StandardCharsets.ISO_8859_1);
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            end = end < 0 ? text.length() : end;
            String file = text.substring(start, end).trim();
            if (file.endsWith(CLASS_SUFFIX)) {
                files.add(file);
            }
            start = end + 1;
        }
        if (files.isEmpty()) {
            throw new IOException(LIST + " names no class");
        }
        return files;
    }

    private static byte[] read(ClassLoader loader, String resource) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no " + resource + " in the agent jar");
            }
            return in.readAllBytes();
        }
    }
}
