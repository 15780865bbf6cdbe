package dev.baton.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * The JDK child JVMs run on. Surefire runs the suite twice: baton.it.jdk=17 (the JDK running Maven) and
 * baton.it.jdk=25 (JAVA25_HOME, else the newest /usr/lib/jvm/*25* install). Without a JDK 25 the second leg skips
 * every test with a visible message instead of passing silently.
 */
public final class Jdk {
    private final int feature;
    private final Path home;

    private Jdk(int feature, Path home) {
        this.feature = feature;
        this.home = home;
    }

    /** The JDK this leg targets; skips the test (visibly) when it is not installed. */
    public static Jdk target() {
        int wanted = Integer.getInteger("baton.it.jdk", Runtime.version().feature());
        Optional<Jdk> jdk = find(wanted);
        Assumptions.assumeTrue(jdk.isPresent(), "JDK " + wanted + " not found (set JAVA" + wanted
                + "_HOME): skipping the JDK " + wanted + " leg");
        return jdk.get();
    }

    /** A specific JDK, when installed: for tests that need virtual threads (25) whatever the leg. */
    public static Optional<Jdk> find(int feature) {
        if (feature == Runtime.version().feature()) {
            return Optional.of(new Jdk(feature, Path.of(System.getProperty("java.home"))));
        }
        String env = System.getenv("JAVA" + feature + "_HOME");
        if (env != null && Files.isExecutable(Path.of(env, "bin", "java"))) {
            return Optional.of(new Jdk(feature, Path.of(env)));
        }
        try (Stream<Path> installs = Files.list(Path.of("/usr/lib/jvm"))) {
            return installs.filter(p -> p.getFileName().toString().matches(".*\\D" + feature + "(\\D.*)?"))
                    .filter(p -> Files.isExecutable(p.resolve("bin/java")))
                    .max(Comparator.naturalOrder())
                    .map(p -> new Jdk(feature, p));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public int feature() {
        return feature;
    }

    public Path java() {
        return home.resolve("bin").resolve("java");
    }

    public Path tool(String name) {
        return home.resolve("bin").resolve(name);
    }

    @Override
    public String toString() {
        return "JDK " + feature + " (" + home + ")";
    }
}
