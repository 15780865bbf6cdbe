package dev.baton.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * The prologue on real code: every method the installer may rewrite in java.base's java.nio.file (and its
 * subpackages), in sqlite-jdbc and in commons-io gets the prologue, and ASM's verifier (CheckClassAdapter's data-flow
 * analysis, with the class hierarchy resolved through the library's own loader) accepts every rewritten class that it
 * accepted before. Rewritten methods are counted against what ClassShape calls eligible, so nothing is skipped
 * silently.
 */
class PrologueVerificationTest {
    private static final Path SQLITE_JDBC = Path.of("target", "sqlite-jdbc-versions", "sqlite-jdbc-3.50.3.0.jar");

    @Test
    void javaNioFileVerifiesAfterEveryMethodIsRewritten() throws Exception {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        try (Stream<Path> files = Files.walk(jrt.getPath("/modules", "java.base", "java", "nio", "file"))) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String name = file.toString().substring("/modules/java.base/".length()).replace(".class", "");
                classes.put(name, Files.readAllBytes(file));
            }
        }
        assertTrue(classes.containsKey("java/nio/file/Files"), classes.keySet().toString());
        assertVerifiesWhenRewritten("java.nio.file", classes, ClassLoader.getPlatformClassLoader());
    }

    @Test
    void sqliteJdbcVerifiesAfterEveryMethodIsRewritten() throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {SQLITE_JDBC.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            assertVerifiesWhenRewritten("sqlite-jdbc", Rewriting.jarClasses(SQLITE_JDBC), loader);
        }
    }

    @Test
    void commonsIoVerifiesAfterEveryMethodIsRewritten() throws Exception {
        Path commonsIo = Path.of(org.apache.commons.io.FileUtils.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {commonsIo.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            assertVerifiesWhenRewritten("commons-io", Rewriting.jarClasses(commonsIo), loader);
        }
    }

    /**
     * Rewrites each class with a hook on every method name it declares, then verifies it. A class the verifier
     * rejects as it is (a type it cannot load, an optional dependency of the library) is left out; the counts say how
     * many.
     */
    private static void assertVerifiesWhenRewritten(String library, Map<String, byte[]> classes,
            ClassLoader hierarchy) {
        List<String> failures = new ArrayList<>();
        int verified = 0;
        int rewrittenMethods = 0;
        int unverifiableAsShipped = 0;
        for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
            String className = entry.getKey();
            byte[] original = entry.getValue();
            if (verify(original, hierarchy) != null) {
                unverifiableAsShipped++;
                continue;
            }
            List<Hook> hooks = new ArrayList<>();
            for (String method : methodNames(original)) {
                hooks.add(new Hook("verify", new MethodTarget(className.replace('/', '.'), method, null),
                        Call::proceed));
            }
            HookTransformer transformer = new HookTransformer(hooks, new HookRegistry(), null, notice -> {
            });
            byte[] rewritten = transformer.transform(null, hierarchy, className, null, null, original);
            int eligible = eligibleMethods(original);
            if (eligible == 0) {
                continue;
            }
            if (rewritten == null) {
                failures.add(className + ": not rewritten, " + eligible + " eligible methods");
                continue;
            }
            int prologues = prologues(rewritten);
            if (prologues != eligible) {
                failures.add(className + ": " + prologues + " prologues for " + eligible + " eligible methods");
            }
            String problem = verify(rewritten, hierarchy);
            if (problem != null) {
                failures.add(className + ": " + problem);
            }
            verified++;
            rewrittenMethods += prologues;
        }
        System.out.printf("%s: verified %d rewritten classes (%d methods); %d not verifiable as shipped%n", library,
                verified, rewrittenMethods, unverifiableAsShipped);
        assertEquals(List.of(), failures);
        assertTrue(verified > 10 && verified > unverifiableAsShipped, verified + " verified, "
                + unverifiableAsShipped + " left out");
    }

    /** ASM's data-flow verification; null when the class passes, else what it printed. */
    private static String verify(byte[] classFile, ClassLoader hierarchy) {
        StringWriter report = new StringWriter();
        try {
            CheckClassAdapter.verify(new ClassReader(classFile), hierarchy, false, new PrintWriter(report));
        } catch (RuntimeException | LinkageError e) {
            return e.toString();
        }
        return report.toString().isEmpty() ? null : report.toString();
    }

    private static Set<String> methodNames(byte[] classFile) {
        Set<String> names = new LinkedHashSet<>();
        for (ClassShape.Method method : ClassShape.read(classFile, null).methods()) {
            names.add(method.name());
        }
        names.remove("<init>");
        names.remove("<clinit>");
        return names;
    }

    /** Methods the installer may rewrite: with a body, no bridge, no constructor, not @CallerSensitive. */
    private static int eligibleMethods(byte[] classFile) {
        int eligible = 0;
        for (ClassShape.Method method : ClassShape.read(classFile, null).methods()) {
            if (method.hasBody() && !method.isBridge() && !method.callerSensitive()) {
                eligible++;
            }
        }
        return eligible;
    }

    /** Methods whose code starts by asking Intercept.wants: the prologue. */
    private static int prologues(byte[] classFile) {
        int[] count = {0};
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    private boolean first = true;

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc,
                            boolean isInterface) {
                        if (first && owner.equals("dev/baton/bridge/Intercept") && method.equals("wants")) {
                            count[0]++;
                        }
                        first = false;
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG);
        return count[0];
    }
}
