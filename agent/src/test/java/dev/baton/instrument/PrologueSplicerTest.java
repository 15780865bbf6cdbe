package dev.baton.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceMethodVisitor;

/**
 * The splicer and ASM write the same prologue. Every method the installer may rewrite, in all of java.base, in
 * sqlite-jdbc, commons-io and ASM's own jars (class files of Java 5, without stack maps), is rewritten both ways with
 * the same hook ids; read back by ASM with expanded frames, each method's instructions, frames, exception handlers,
 * line numbers and local variable ranges must print the same (the splicer's padding NOPs aside), with the same
 * max_locals and enough stack. The classes of the libraries are then defined from the splicer's bytes, so the JVM's
 * own verifier checks them too.
 */
class PrologueSplicerTest {
    private static final Path SQLITE_JDBC = Path.of("target", "sqlite-jdbc-versions", "sqlite-jdbc-3.50.3.0.jar");

    @Test
    void javaBaseSplicesAsAsmRewrites() throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        try (Stream<Path> files = Files.walk(jrt.getPath("/modules", "java.base"))) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                if (!file.getFileName().toString().equals("module-info.class")) {
                    classes.put(file.toString(), Files.readAllBytes(file));
                }
            }
        }
        Counts counts = compareAll("java.base", classes);
        assertTrue(counts.spliced > 4000, counts.toString());
    }

    @Test
    void librariesSpliceAsAsmRewritesAndPassTheJvmVerifier() throws Exception {
        Path commonsIo = jarOf(org.apache.commons.io.FileUtils.class);
        Path asmUtil = jarOf(Textifier.class);
        Path asmTree = jarOf(ClassNode.class);
        for (Path jar : List.of(SQLITE_JDBC, commonsIo, asmUtil, asmTree)) {
            Map<String, byte[]> classes = Rewriting.jarClasses(jar);
            assertFalse(classes.isEmpty(), jar + " holds no classes");
            Counts counts = compareAll(jar.getFileName().toString(), classes);
            assertTrue(counts.spliced > 20, counts.toString());
            assertDefinable(jar, classes);
        }
    }

    /** Code with type annotations holds offsets the splicer does not shift: such a method goes to ASM. */
    @Test
    void codeWithTypeAnnotationsIsLeftToAsm() throws IOException {
        byte[] bytes = Rewriting.read(TypeAnnotated.class.getName());
        ClassFileLayout layout = new ClassFileLayout(bytes, null);
        ClassFileLayout.MethodLayout annotated = method(layout, "firstOf");
        ClassFileLayout.MethodLayout plain = method(layout, "plain");
        assertFalse(PrologueSplicer.canSplice(layout, List.of(annotated)));
        assertTrue(PrologueSplicer.canSplice(layout, List.of(plain)));
    }

    /** The installer splices when it can (byte for byte the splicer's output) and takes ASM's path otherwise. */
    @Test
    void theInstallerSplicesWhenItCanAndRewritesWithAsmOtherwise() throws IOException {
        String name = TypeAnnotated.class.getName();
        byte[] bytes = Rewriting.read(name);
        ClassFileLayout layout = new ClassFileLayout(bytes, Set.of("plain"));
        assertArrayEquals(PrologueSplicer.splice(layout, layout.methods, new int[] {0}), install(name, "plain", bytes));
        assertArrayEquals(asmRewrite(bytes, Map.of("firstOf(Ljava/util/List;)Ljava/lang/String;", 0)),
                install(name, "firstOf", bytes));
    }

    private static byte[] install(String className, String method, byte[] bytes) {
        Hook hook = new Hook("test", new MethodTarget(className, method, null), Call::proceed);
        HookTransformer transformer = new HookTransformer(List.of(hook), new HookRegistry(), null, notice -> {
        });
        byte[] rewritten = transformer.transform(null, null, className.replace('.', '/'), null, null, bytes);
        assertNotNull(rewritten, method + " not rewritten");
        return rewritten;
    }

    @Test
    void theLayoutReadsWhatAsmReads() throws IOException {
        byte[] bytes = Rewriting.read(TypeAnnotated.class.getName());
        ClassFileLayout layout = new ClassFileLayout(bytes, null);
        ClassShape fromAsm = ClassShape.read(bytes, null);
        ClassShape fromLayout = ClassShape.of(layout);
        assertEquals(fromAsm.internalName(), fromLayout.internalName());
        assertEquals(fromAsm.superName(), fromLayout.superName());
        assertEquals(fromAsm.interfaces(), fromLayout.interfaces());
        assertEquals(fromAsm.methods(), fromLayout.methods());
        assertEquals(List.of("java/io/IOException"), List.of(method(layout, "plain").exceptions()));
    }

    private static ClassFileLayout.MethodLayout method(ClassFileLayout layout, String name) {
        for (ClassFileLayout.MethodLayout method : layout.methods) {
            if (method.shape().name().equals(name)) {
                return method;
            }
        }
        throw new AssertionError(name);
    }

    private record Counts(String corpus, int spliced, int methods, int leftToAsm) {
    }

    private static Counts compareAll(String corpus, Map<String, byte[]> classes) {
        List<String> differences = new ArrayList<>();
        int spliced = 0;
        int methods = 0;
        int leftToAsm = 0;
        for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
            byte[] original = entry.getValue();
            ClassFileLayout layout = new ClassFileLayout(original, null);
            List<ClassFileLayout.MethodLayout> eligible = eligibleMethods(layout);
            if (eligible.isEmpty()) {
                continue;
            }
            if (!PrologueSplicer.canSplice(layout, eligible)) {
                leftToAsm++;
                continue;
            }
            int[] ids = new int[eligible.size()];
            Map<String, Integer> idByMethod = new TreeMap<>();
            for (int i = 0; i < ids.length; i++) {
                // Every form of pushing the id: iconst, bipush, sipush and ldc of a pool constant.
                ids[i] = i % 4 == 0 ? i % 6 : i % 4 == 1 ? 100 + i : i % 4 == 2 ? 30_000 + i : 1_000_000 + i;
                idByMethod.put(eligible.get(i).shape().name() + eligible.get(i).shape().descriptor(), ids[i]);
            }
            byte[] bySplicer = PrologueSplicer.splice(layout, eligible, ids);
            byte[] byAsm = asmRewrite(original, idByMethod);
            String difference = difference(byAsm, bySplicer);
            if (difference != null) {
                differences.add(entry.getKey() + ": " + difference);
            }
            spliced++;
            methods += eligible.size();
        }
        Counts counts = new Counts(corpus, spliced, methods, leftToAsm);
        System.out.println("splicer vs ASM: " + counts);
        assertEquals(List.of(), differences.subList(0, Math.min(5, differences.size())),
                differences.size() + " classes differ");
        return counts;
    }

    /** Methods the installer may rewrite: with a body, no bridge, no constructor, not @CallerSensitive. */
    private static List<ClassFileLayout.MethodLayout> eligibleMethods(ClassFileLayout layout) {
        List<ClassFileLayout.MethodLayout> eligible = new ArrayList<>();
        for (ClassFileLayout.MethodLayout method : layout.methods) {
            ClassShape.Method shape = method.shape();
            if (shape.hasBody() && !shape.isBridge() && !shape.callerSensitive()) {
                eligible.add(method);
            }
        }
        return eligible;
    }

    /** The rewrite of the installer's ASM path, with the same ids. */
    private static byte[] asmRewrite(byte[] original, Map<String, Integer> idByMethod) {
        return AsmPrologueRewrite.rewrite(original, (access, name, descriptor, exceptions) -> {
            Integer id = idByMethod.get(name + descriptor);
            return id == null ? -1 : id;
        });
    }

    /** Null when both class files print the same method by method, else the first difference. */
    private static String difference(byte[] byAsm, byte[] bySplicer) {
        ClassNode expected = read(byAsm);
        ClassNode actual = read(bySplicer);
        if (expected.methods.size() != actual.methods.size()) {
            return "method count " + actual.methods.size() + " instead of " + expected.methods.size();
        }
        for (int i = 0; i < expected.methods.size(); i++) {
            MethodNode want = expected.methods.get(i);
            MethodNode got = actual.methods.get(i);
            String wanted = print(want);
            String printed = print(got);
            if (!wanted.equals(printed)) {
                return want.name + want.desc + " prints\n" + printed + "\ninstead of\n" + wanted;
            }
            // The splicer keeps the original's max_locals, which javac sometimes declares larger than ASM computes.
            if (got.maxLocals < want.maxLocals || got.maxStack < want.maxStack) {
                return want.name + want.desc + " max stack/locals " + got.maxStack + "/" + got.maxLocals
                        + " instead of " + want.maxStack + "/" + want.maxLocals;
            }
        }
        return null;
    }

    private static ClassNode read(byte[] classFile) {
        ClassNode node = new ClassNode();
        new ClassReader(classFile).accept(node, ClassReader.EXPAND_FRAMES);
        return node;
    }

    /**
     * The method's code as ASM's Textifier prints it, NOPs, the max stack/locals lines and labels nothing refers to
     * left out. Why the labels: ASM's reader makes a label wherever a stack map's raw bytes hold 8 (the Uninitialized
     * tag) followed by the offset of a NEW, a guess that also hits an Object type whose constant pool index is 8
     * followed by a delta of that value; the splicer's constants sit at other indexes than ASM's, so the two class
     * files get different unused labels (seen in protobuf, plexus-compiler and OSGi classes by the corpus review).
     */
    private static String print(MethodNode method) {
        Textifier text = new Textifier();
        method.accept(new TraceMethodVisitor(text));
        StringWriter out = new StringWriter();
        text.print(new PrintWriter(out));
        StringBuilder kept = new StringBuilder();
        for (String line : out.toString().split("\n")) {
            String trimmed = line.trim();
            if (!trimmed.equals("NOP") && !trimmed.startsWith("MAXSTACK") && !trimmed.startsWith("MAXLOCALS")) {
                kept.append(trimmed).append('\n');
            }
        }
        return withoutUnusedLabels(kept.toString());
    }

    /** Drops label lines no instruction, frame or table names, and renames the others in order of appearance. */
    static String withoutUnusedLabels(String printed) {
        Pattern labelName = Pattern.compile("\\bL\\d+\\b");
        String[] lines = printed.split("\n");
        Set<String> referenced = new HashSet<>();
        for (String line : lines) {
            if (!line.matches("L\\d+")) {
                Matcher names = labelName.matcher(line);
                while (names.find()) {
                    referenced.add(names.group());
                }
            }
        }
        Map<String, String> renamed = new HashMap<>();
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (line.matches("L\\d+") && !referenced.contains(line)) {
                continue;
            }
            Matcher names = labelName.matcher(line);
            StringBuilder replaced = new StringBuilder();
            while (names.find()) {
                String name = renamed.computeIfAbsent(names.group(), old -> "L" + renamed.size());
                names.appendReplacement(replaced, name);
            }
            names.appendTail(replaced);
            out.append(replaced).append('\n');
        }
        return out.toString();
    }

    /**
     * Defines every class of the jar from the splicer's bytes in one loader (so package-private access between them
     * holds) and initialises each, which links it first, and linking runs the JVM's verifier. A class that cannot be
     * initialised outside its library's setting (a missing optional dependency, a native library) is counted, not
     * failed; a VerifyError or ClassFormatError always fails.
     */
    private static void assertDefinable(Path jar, Map<String, byte[]> classes) {
        Map<String, byte[]> spliced = new LinkedHashMap<>();
        for (byte[] original : classes.values()) {
            ClassFileLayout layout = new ClassFileLayout(original, null);
            List<ClassFileLayout.MethodLayout> eligible = eligibleMethods(layout);
            boolean splice = !eligible.isEmpty() && PrologueSplicer.canSplice(layout, eligible);
            spliced.put(layout.internalName.replace('/', '.'),
                    splice ? PrologueSplicer.splice(layout, eligible, new int[eligible.size()]) : original);
        }
        ClassLoader loader = new Rewriting.RewrittenLoader(spliced);
        List<String> failures = new ArrayList<>();
        int linked = 0;
        for (String name : spliced.keySet()) {
            try {
                Class.forName(name, true, loader);
                linked++;
            } catch (VerifyError | ClassFormatError e) {
                failures.add(name + ": " + e);
            } catch (ExceptionInInitializerError | NoClassDefFoundError | UnsatisfiedLinkError
                    | ClassNotFoundException e) {
                // Not initialisable here for reasons of its own.
            }
        }
        System.out.println(jar.getFileName() + ": " + linked + " of " + spliced.size()
                + " spliced classes linked by the JVM");
        assertEquals(List.of(), failures);
        assertTrue(linked > spliced.size() / 2, linked + " linked");
    }

    private static Path jarOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE_USE)
    @interface Checked {
    }

    /** A method whose code carries a type annotation (on a cast), and one without. */
    static final class TypeAnnotated {
        static String firstOf(List<?> items) {
            return (@Checked String) items.get(0);
        }

        static int plain(int value) throws IOException {
            return value + 1;
        }
    }
}
