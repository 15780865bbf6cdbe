package dev.baton.it.harness;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build put what the tests start: the agent jar, the samples, the child applications' libraries. */
public final class Artifacts {
    private Artifacts() {
    }

    public static Path agentJar() {
        Path jar = Path.of(System.getProperty("baton.agent.jar", "../agent/target/baton-agent.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("agent jar missing: " + jar + " (build with mvn -B verify)");
        }
        return jar.toAbsolutePath();
    }

    /** A library copied by the build for child applications, e.g. "byte-buddy-1.14.18.jar". */
    public static Path lib(String fileName) {
        Path lib = Path.of(System.getProperty("baton.it.libs", "target/it-libs"), fileName);
        if (!Files.isRegularFile(lib)) {
            throw new IllegalStateException("test library missing: " + lib);
        }
        return lib.toAbsolutePath();
    }

    /** The test classes themselves, for child applications written as test sources. */
    public static String testClasses() {
        return Path.of("target", "test-classes").toAbsolutePath().toString();
    }

    /** The samples jar plus the samples' dependencies. */
    public static String samplesClassPath() {
        Path samples = Path.of("..", "samples", "target").toAbsolutePath().normalize();
        return samples.resolve("baton-samples.jar") + File.pathSeparator + samples.resolve("lib") + File.separator + "*";
    }

    public static String classPath(Object... entries) {
        StringBuilder cp = new StringBuilder();
        for (Object entry : entries) {
            if (cp.length() > 0) {
                cp.append(File.pathSeparator);
            }
            cp.append(entry);
        }
        return cp.toString();
    }
}
