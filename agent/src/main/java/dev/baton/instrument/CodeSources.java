package dev.baton.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Reads a class file from the jar or directory a loading class came from. A supertype usually lives next to its
 * subclass; reading it there skips the class loader's parent-first resource search, which walks the JDK's runtime
 * image for every name (most of the cost of matching subtypes, measured). Jars stay open for the JVM's life: one
 * handle per jar whose classes extend something a rule names.
 */
final class CodeSources {
    private final Map<Path, JarFile> jars = new HashMap<>();

    /** The class file's bytes, or null when it is not next to the loading class (the caller asks the loader). */
    byte[] read(ProtectionDomain domain, String resource) throws IOException {
        Path location = location(domain);
        if (location == null) {
            return null;
        }
        if (Files.isDirectory(location)) {
            Path file = location.resolve(resource);
            return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        }
        JarFile jar = jar(location);
        JarEntry entry = jar == null ? null : jar.getJarEntry(resource);
        if (entry == null) {
            return null;
        }
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    private synchronized JarFile jar(Path location) throws IOException {
        JarFile jar = jars.get(location);
        if (jar == null && Files.isRegularFile(location)) {
            jar = new JarFile(location.toFile(), false);
            jars.put(location, jar);
        }
        return jar;
    }

    private static Path location(ProtectionDomain domain) {
        CodeSource source = domain == null ? null : domain.getCodeSource();
        URL url = source == null ? null : source.getLocation();
        if (url == null || !"file".equals(url.getProtocol())) {
            return null;
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
