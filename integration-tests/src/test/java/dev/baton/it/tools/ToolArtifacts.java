package dev.baton.it.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The real tools from Maven Central that the build copied (integration-tests' pom, execution copy-real-tools) or
 * resolved into the local repository (the Maven plugins), and what is derived from them once per build.
 */
public final class ToolArtifacts {
    public static final String MAVEN_VERSION = "3.9.9";

    private ToolArtifacts() {
    }

    /** A file the build copied into target/it-tools, e.g. "maven-wrapper-3.3.4.jar". */
    public static Path file(String name) {
        Path file = Path.of(System.getProperty("baton.it.tools", "target/it-tools"), name).toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("tool artifact missing: " + file + " (the build copies it from Maven"
                    + " Central in generate-test-resources)");
        }
        return file;
    }

    /** The Maven distribution the wrappers install: apache-maven-3.9.9-bin.zip. */
    public static Path mavenDistributionZip() {
        return file("apache-maven-" + MAVEN_VERSION + "-bin.zip");
    }

    /** The local repository the build resolved the plugins into; child builds read it as a tail, never write it. */
    public static Path localRepository() {
        String configured = System.getProperty("baton.it.localRepository");
        return Path.of(configured != null ? configured : System.getProperty("user.home") + "/.m2/repository");
    }

    /** Apache Maven 3.9.9 unpacked once under target/it-tools: the child builds of the plugin tests run it. */
    public static synchronized Path mavenHome() {
        Path home = file("apache-maven-" + MAVEN_VERSION + "-bin.zip").resolveSibling("apache-maven-" + MAVEN_VERSION);
        if (!Files.isExecutable(home.resolve("bin/mvn"))) {
            Path staging = home.resolveSibling(home.getFileName() + ".unpacking");
            try {
                deleteTree(staging);
                deleteTree(home);
                unzip(mavenDistributionZip(), staging);
                Files.move(staging.resolve("apache-maven-" + MAVEN_VERSION), home);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return home;
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var walk = Files.walk(root)) {
                for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Unzips {@code zip} into {@code directory}, keeping the executable bit of launcher scripts. */
    public static void unzip(Path zip, Path directory) {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(file.entries())) {
                Path target = directory.resolve(entry.getName()).normalize();
                if (!target.startsWith(directory)) {
                    throw new IOException("entry outside the directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                String name = target.getFileName().toString();
                if (target.getParent().getFileName().toString().equals("bin") || name.equals("mvnw")
                        || name.equals("mvnwDebug")) {
                    target.toFile().setExecutable(true, false);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Relative path -> size of every file in a zip below {@code prefix}: what a complete unpacked tree holds. */
    public static Map<String, Long> zipFiles(Path zip, String prefix) {
        Map<String, Long> files = new TreeMap<>();
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(file.entries())) {
                if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
                    files.put(entry.getName().substring(prefix.length()), entry.getSize());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Relative path -> size of every file under {@code directory} (empty when it does not exist). */
    public static Map<String, Long> treeFiles(Path directory) {
        Map<String, Long> files = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return files;
        }
        try (var walk = Files.walk(directory)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isRegularFile(p)) {
                    files.put(directory.relativize(p).toString(), Files.size(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** What differs between an installed tree and the artifact it came from, or null when complete. */
    public static String difference(Map<String, Long> expected, Map<String, Long> actual) {
        long missing = expected.keySet().stream().filter(k -> !actual.containsKey(k)).count();
        long wrongSize = expected.entrySet().stream()
                .filter(e -> actual.containsKey(e.getKey()) && !actual.get(e.getKey()).equals(e.getValue())).count();
        if (missing == 0 && wrongSize == 0) {
            return null;
        }
        return (expected.size() - missing) + " of " + expected.size() + " files present, " + wrongSize
                + " with a wrong size";
    }

    /** Extracts a .tar.gz with the system's tar (the takari wrapper ships as one). */
    public static void untar(Path archive, Path directory) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Process tar = new ProcessBuilder("tar", "xzf", archive.toString(), "-C", directory.toString())
                .redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes());
        if (tar.waitFor() != 0) {
            throw new IOException("tar failed: " + output);
        }
    }
}
