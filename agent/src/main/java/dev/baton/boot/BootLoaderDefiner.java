package dev.baton.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import jdk.internal.misc.Unsafe;

/**
 * Defines the bridge's classes in the bootstrap loader (see {@code dev.baton.agent.BootstrapBridge} for why). Runs
 * in Baton's own loader, to which alone the entry point exported {@code jdk.internal.misc}, before any class that
 * refers to the bridge is loaded: the bootstrap loader then finds the bridge among the classes it has defined.
 * The build lists the bridge's class files in {@code inst/bridge.list}; this loader serves both the list and them.
 *
 * <p>{@code Unsafe} is called directly: this one file is compiled with {@code --add-exports
 * java.base/jdk.internal.misc=ALL-UNNAMED} (see agent/pom.xml). A reflective call costs little on JDK 17 but
 * tens of milliseconds on JDK 18 and later (reflection runs on method handles), and a method handle of this
 * signature costs as much on every JDK: both were paid at the start of every JVM.
 */
public final class BootLoaderDefiner implements Runnable {
    private static final String LIST = "bridge.list";
    private static final String CLASS_SUFFIX = ".class";

    /** Made by the entry point through this constructor, then run: no reflective call to adapt (see above). */
    public BootLoaderDefiner() {
    }

    @Override
    public void run() {
        try {
            defineBridge();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void defineBridge() throws IOException {
        ClassLoader loader = BootLoaderDefiner.class.getClassLoader();
        List<byte[]> pending = new ArrayList<>();
        for (String file : list(loader)) {
            pending.add(read(loader, file));
        }
        Unsafe unsafe = Unsafe.getUnsafe();
        // A class whose super type is a bridge class not defined yet fails; it is tried again in the next round.
        while (!pending.isEmpty()) {
            int before = pending.size();
            LinkageError lastFailure = null;
            for (Iterator<byte[]> it = pending.iterator(); it.hasNext();) {
                byte[] bytes = it.next();
                try {
                    unsafe.defineClass(null, bytes, 0, bytes.length, null, null);
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
