package dev.baton.scan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
            ClassFiles.forEach(path, bytes -> {
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
            ClassFiles.forEach(path, bytes -> findings.addAll(scanClass(classes, bytes)));
        }
        return findings;
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
