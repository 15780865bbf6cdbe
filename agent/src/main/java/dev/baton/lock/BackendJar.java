package dev.baton.lock;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import dev.baton.agent.HiddenClassLoader;

/**
 * An optional backend's own jar (baton-postgres.jar), laid out like the agent jar (classes hidden under
 * {@code inst/}) and opened by a loader whose parent is Baton's runtime loader, so the backend sees Baton's SPI and
 * shaded libraries and the application sees nothing of it. Kept out of the agent jar so that JVMs which never choose
 * the backend neither ship nor load its driver.
 *
 * <p>Found at {@code baton.lock.backendJar} if set, else beside the agent jar as {@code baton-<name>.jar} or, for a
 * renamed agent jar, as its name with {@code agent} replaced by the backend's ({@code baton-agent-0.1.0.jar} ->
 * {@code baton-postgres-0.1.0.jar}). Both jars carry the build they come from ({@value #BUILD_ATTRIBUTE} in the
 * manifest); a backend jar from another build is refused, since the SPI between them may have changed.
 */
final class BackendJar {
    static final String BUILD_ATTRIBUTE = "Baton-Build";
    /** One loader per jar per JVM: a second would define the backend's classes (and its driver) twice. */
    private static final Map<Path, BackendJar> OPEN = new ConcurrentHashMap<>();

    private final Path path;
    private final ClassLoader loader;

    private BackendJar(Path path, ClassLoader loader) {
        this.path = path;
        this.loader = loader;
    }

    Path path() {
        return path;
    }

    ClassLoader loader() {
        return loader;
    }

    /**
     * @param configured baton.lock.backendJar, or null to look beside the agent jar
     * @param runtime    Baton's own loader, the parent of the backend's
     */
    static BackendJar locate(String name, Path configured, ClassLoader runtime) throws IOException {
        Path agentJar = agentJar();
        List<Path> candidates = configured != null ? List.of(configured) : besideAgent(name, agentJar);
        Path found = null;
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                found = candidate.toRealPath();
                break;
            }
        }
        if (found == null) {
            throw new IOException("baton.lock.backend=" + name + " is not built into the agent jar and its jar was"
                    + " not found" + (candidates.isEmpty() ? "" : " (looked for " + candidates + ")") + ": put "
                    + "baton-" + name + ".jar from the same build beside the agent jar, or name it with"
                    + " baton.lock.backendJar");
        }
        checkSameBuild(found, agentJar);
        try {
            return OPEN.computeIfAbsent(found, jar -> {
                try {
                    return new BackendJar(jar, new HiddenClassLoader("baton-" + name, jar, runtime));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw new IOException("cannot open " + found + " for baton.lock.backend=" + name + ": " + e.getCause(),
                    e.getCause());
        }
    }

    /** Where Baton's runtime was loaded from: the agent jar, or null on a class path (tests). */
    private static Path agentJar() {
        CodeSource source = BackendJar.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            Path path = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(path) ? path : null;
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    static List<Path> besideAgent(String name, Path agentJar) {
        List<Path> candidates = new ArrayList<>();
        if (agentJar == null || agentJar.getParent() == null) {
            return candidates;
        }
        Path directory = agentJar.getParent();
        candidates.add(directory.resolve("baton-" + name + ".jar"));
        String agentName = agentJar.getFileName().toString();
        int agent = agentName.indexOf("agent");
        if (agent >= 0) {
            Path renamed = directory.resolve(agentName.substring(0, agent) + name
                    + agentName.substring(agent + "agent".length()));
            if (!candidates.contains(renamed)) {
                candidates.add(renamed);
            }
        }
        return candidates;
    }

    private static void checkSameBuild(Path backendJar, Path agentJar) throws IOException {
        if (agentJar == null) {
            return; // A class-path run (tests) has no build to compare with.
        }
        String agentBuild = build(agentJar);
        String backendBuild = build(backendJar);
        if (!Objects.equals(agentBuild, backendBuild)) {
            throw new IOException(backendJar + " comes from build " + backendBuild + " but the agent jar " + agentJar
                    + " from build " + agentBuild + ": use the backend jar built with this agent jar");
        }
    }

    private static String build(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Manifest manifest = file.getManifest();
            String build = manifest == null ? null : manifest.getMainAttributes().getValue(BUILD_ATTRIBUTE);
            return build == null ? "unknown" : build;
        } catch (IOException e) {
            throw new IOException("cannot read " + jar + ": " + e.getMessage(), e);
        }
    }
}
