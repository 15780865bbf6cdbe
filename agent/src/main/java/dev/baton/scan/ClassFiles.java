package dev.baton.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** The class files of a jar, a class directory or a single .class file (nested jars are not opened). */
public final class ClassFiles {
    /** Receives one class file's bytes. */
    @FunctionalInterface
    public interface Visitor {
        void visit(byte[] classFile) throws IOException;
    }

    private ClassFiles() {
    }

    public static void forEach(Path path, Visitor visitor) throws IOException {
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.walk(path)) {
                for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class")).sorted()::iterator) {
                    visitor.visit(Files.readAllBytes(file));
                }
            }
        } else if (path.toString().endsWith(".class")) {
            visitor.visit(Files.readAllBytes(path));
        } else {
            try (ZipFile jar = new ZipFile(path.toFile())) {
                Enumeration<? extends ZipEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/versions/")) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            visitor.visit(in.readAllBytes());
                        }
                    }
                }
            }
        }
    }
}
