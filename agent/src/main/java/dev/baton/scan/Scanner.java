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

/** Walks jars and class directories (nested jars are not opened) and collects findings, without running anything. */
public final class Scanner {
    private final ClassScanner classes;
    private int classCount;

    public Scanner(List<ScanTarget> rewrites, List<ScanTarget> calls) {
        this.classes = new ClassScanner(rewrites, calls);
    }

    public List<Finding> scan(Path path) throws IOException {
        List<Finding> findings = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.walk(path)) {
                for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class")).sorted()::iterator) {
                    findings.addAll(scanClass(Files.readAllBytes(file)));
                }
            }
        } else if (path.toString().endsWith(".class")) {
            findings.addAll(scanClass(Files.readAllBytes(path)));
        } else {
            try (ZipFile jar = new ZipFile(path.toFile())) {
                Enumeration<? extends ZipEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/versions/")) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            findings.addAll(scanClass(in.readAllBytes()));
                        }
                    }
                }
            }
        }
        return findings;
    }

    private List<Finding> scanClass(byte[] bytes) {
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
