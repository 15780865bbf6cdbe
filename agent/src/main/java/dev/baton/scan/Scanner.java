package dev.baton.scan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Walks jars and class directories (nested jars are not opened) and collects findings, without running anything.
 * Two passes: the first indexes every class of every path (so a rule on an interface in one jar finds its
 * implementations in another), the second reports.
 */
public final class Scanner {
    private final List<ScanTarget> rewrites;
    private final List<ScanTarget> calls;
    private int classCount;

    public Scanner(List<ScanTarget> rewrites, List<ScanTarget> calls) {
        this.rewrites = rewrites;
        this.calls = calls;
    }

    public List<Finding> scan(List<Path> paths) throws IOException {
        TypeIndex index = new TypeIndex();
        for (Path path : paths) {
            forEachClass(path, bytes -> {
                try {
                    index.add(bytes);
                } catch (RuntimeException unreadable) {
                    // Skipped here as in the report pass.
                }
            });
        }
        ClassScanner classes = new ClassScanner(rewrites, calls, index);
        List<Finding> findings = new ArrayList<>();
        for (Path path : paths) {
            forEachClass(path, bytes -> findings.addAll(scanClass(classes, bytes)));
        }
        return findings;
    }

    /** Receives one class file. */
    @FunctionalInterface
    private interface ClassFileConsumer {
        void accept(byte[] classFile);
    }

    private static void forEachClass(Path path, ClassFileConsumer consumer) throws IOException {
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.walk(path)) {
                for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class")).sorted()::iterator) {
                    consumer.accept(Files.readAllBytes(file));
                }
            }
        } else if (path.toString().endsWith(".class")) {
            consumer.accept(Files.readAllBytes(path));
        } else {
            try (ZipFile jar = new ZipFile(path.toFile())) {
                Enumeration<? extends ZipEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/versions/")) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            consumer.accept(in.readAllBytes());
                        }
                    }
                }
            }
        }
    }

    private List<Finding> scanClass(ClassScanner classes, byte[] bytes) {
        classCount++;
        try {
            return classes.scan(bytes);
        } catch (RuntimeException unreadable) {
            // A class file ASM cannot read (newer than it knows, or broken) is skipped, not fatal.
            return List.of();
        }
    }

    public int classCount() {
        return classCount;
    }
}
