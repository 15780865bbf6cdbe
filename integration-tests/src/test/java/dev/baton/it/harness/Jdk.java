package dev.baton.it.harness;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

import dev.baton.testsupport.Installed;

/**
 * The JDK child JVMs run on. Surefire runs the suite twice: baton.it.jdk=17 (the JDK running Maven) and
 * baton.it.jdk=25 (found by {@link Installed#jdk}: JAVA25_HOME, else the usual install directories). Without a
 * JDK 25 the second leg skips every test with a visible message instead of passing silently.
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
        Assumptions.assumeTrue(jdk.isPresent(), "JDK " + wanted + " not found (JAVA" + wanted
                + "_HOME, /usr/lib/jvm/*): skipping the JDK " + wanted + " leg");
        return jdk.get();
    }

    /** A specific JDK, when installed: for tests that need virtual threads (25) whatever the leg. */
    public static Optional<Jdk> find(int feature) {
        return Installed.jdk(feature).map(home -> new Jdk(feature, home));
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
