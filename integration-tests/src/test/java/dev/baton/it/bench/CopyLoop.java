package dev.baton.it.bench;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The copies of the copies benchmark, in a child JVM: COUNT copies of local streams (in-memory bytes, a file, a
 * class-path resource, in turn) into DIR, replacing, as build tools and native-library loaders make them. Prints
 * {@code ELAPSED_NS <n>} for the loop alone, after a warm-up of the same size.
 */
public final class CopyLoop {
    private CopyLoop() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        int count = Integer.parseInt(args[1]);
        int distinctTargets = Integer.parseInt(args[2]);
        Path source = Files.write(dir.resolveSibling("source.bin"), new byte[4096]);
        copies(dir, count, distinctTargets, source);
        long start = System.nanoTime();
        copies(dir, count, distinctTargets, source);
        System.out.println("ELAPSED_NS " + (System.nanoTime() - start));
    }

    private static void copies(Path dir, int count, int distinctTargets, Path source) throws Exception {
        byte[] bytes = new byte[4096];
        for (int i = 0; i < count; i++) {
            Path target = dir.resolve("copy-" + (i % distinctTargets));
            try (InputStream in = open(i % 3, bytes, source)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static InputStream open(int kind, byte[] bytes, Path source) throws Exception {
        switch (kind) {
            case 0:
                return new ByteArrayInputStream(bytes);
            case 1:
                return Files.newInputStream(source);
            default:
                return CopyLoop.class.getResourceAsStream("CopyLoop.class");
        }
    }
}
