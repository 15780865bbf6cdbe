package dev.baton.it.apps;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A second Java agent for tests, listed after Baton: it sees every class loaded after its premain as the transformers
 * before it (Baton's) left it, and when the JVM exits writes {@code NAME@LOADER SHA-256} of those bytes to the file
 * named by its argument; a class retransformed while it watched is listed again as {@code NAME@LOADER@retransformed}.
 * Comparing two runs shows whether any class differs. (Classes loaded before any agent are not digested here: the
 * bytes HotSpot rebuilds for them on retransformation differ from run to run. Their retransformation shows in
 * {@code -Xlog:redefine+class+load}.)
 */
public final class ClassBytesProbe implements ClassFileTransformer {
    private final Map<String, String> digests = new TreeMap<>();

    private ClassBytesProbe() {
    }

    public static void premain(String output, Instrumentation instrumentation) {
        ClassBytesProbe probe = new ClassBytesProbe();
        // Everything the transformer uses is loaded first (no lambdas either): a class it needed while it ran
        // would be loaded inside a class load and fail with ClassCircularityError.
        probe.digests.put("warm-up", sha256(new byte[0]));
        probe.digests.clear();
        Thread dump = new Thread(new Runnable() {
            @Override
            public void run() {
                probe.dump(Path.of(output));
            }
        });
        Runtime.getRuntime().addShutdownHook(dump);
        // Retransform-capable, as Baton's transformer is: such transformers run in the order they were added.
        instrumentation.addTransformer(probe, true);
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain domain, byte[] bytes) {
        if (className != null) {
            String suffix = classBeingRedefined == null ? "" : "@retransformed";
            synchronized (digests) {
                digests.put(className + "@" + loaderName(loader) + suffix, sha256(bytes));
            }
        }
        return null;
    }

    private void dump(Path output) {
        List<String> lines = new ArrayList<>();
        synchronized (digests) {
            digests.forEach((name, digest) -> lines.add(name + " " + digest));
        }
        try {
            Files.write(output, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String loaderName(ClassLoader loader) {
        return loader == null ? "bootstrap" : String.valueOf(loader.getName());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
