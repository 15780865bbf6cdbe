package dev.baton.scan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Walks jars and class directories (nested jars are not opened) and collects findings, without running anything. */
public final class Scanner {
    private final ClassScanner classes;
    private int classCount;

    public Scanner(List<ScanTarget> rewrites, List<ScanTarget> calls) {
        this.classes = new ClassScanner(rewrites, calls);
    }

    public List<Finding> scan(Path path) throws IOException {
        List<Finding> findings = new ArrayList<>();
        ClassFiles.forEach(path, bytes -> findings.addAll(scanClass(bytes)));
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
