package dev.baton;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;

/** The types compiled classes refer to, read with ASM: for tests that keep packages from depending on others. */
public final class ClassReferences {
    public static final Path CLASSES = Path.of("target", "classes");

    private ClassReferences() {
    }

    /** Every class file under {@code packageDir} (e.g. "dev/baton/core") and the internal names it references. */
    public static Map<String, Set<String>> ofPackage(String packageDir) throws IOException {
        Map<String, Set<String>> references = new TreeMap<>();
        try (Stream<Path> files = Files.walk(CLASSES.resolve(packageDir))) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                references.put(CLASSES.relativize(file).toString(), of(file));
            }
        }
        return references;
    }

    public static Set<String> of(Path classFile) throws IOException {
        Set<String> types = new TreeSet<>();
        try (InputStream in = Files.newInputStream(classFile)) {
            ClassReader reader = new ClassReader(in);
            reader.accept(new ClassRemapper(new ClassWriter(0), new Remapper() {
                @Override
                public String map(String internalName) {
                    types.add(internalName);
                    return internalName;
                }
            }), 0);
        }
        return types;
    }
}
