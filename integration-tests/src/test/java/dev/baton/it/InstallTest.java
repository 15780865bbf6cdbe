package dev.baton.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.Recording;
import dev.baton.it.harness.RunningJvm;

/**
 * Real npm, offline: sixteen local packages made with {@code npm pack}, eight legacy installers
 * (samples/LegacyInstaller) each installing two of them into one shared prefix at the same time.
 */
class InstallTest {
    private static final int PROCESSES = 8;
    private static final String INSTALLER = "dev.baton.samples.install.LegacyInstaller";

    @TempDir
    Path work;

    private Jdk jdk;
    private List<Path> tarballs;

    @BeforeEach
    void packages() throws Exception {
        jdk = Jdk.target();
        Assumptions.assumeTrue(npmAvailable(), "npm not installed: skipping the install tests");
        tarballs = packTarballs(work.resolve("packages"), 2 * PROCESSES);
    }

    @Test
    void eightConcurrentInstallersIntoOnePrefixKeepAllSixteenPackages() throws Exception {
        Path prefix = sharedPrefix();
        Path jfr = work.resolve("install.jfr");
        List<RunningJvm> installers = startInstallers(prefix, true, jfr);
        for (RunningJvm installer : installers) {
            RunningJvm.Result result = installer.awaitExit(300);
            assertEquals(0, result.exitCode(), result.toString());
        }
        assertEquals(expectedPackages(), installedPackages(prefix));
        assertEquals(expectedPackages(), declaredDependencies(prefix));
        assertEquals(1, Recording.events(jfr, "baton.Install").size(), "one recorded installer");
    }

    @Test
    void withoutBatonTheSameRunLosesPackages() throws Exception {
        Assumptions.assumeTrue(jdk.feature() == 17, "bug shown on the JDK 17 leg only");
        Path prefix = sharedPrefix();
        for (RunningJvm installer : startInstallers(prefix, false, null)) {
            installer.awaitExit(300);
        }
        boolean lost = !installedPackages(prefix).equals(expectedPackages())
                || !declaredDependencies(prefix).equals(expectedPackages());
        assertTrue(lost, "expected npm to lose packages without Baton");
    }

    private List<RunningJvm> startInstallers(Path prefix, boolean withAgent, Path jfr) throws IOException {
        List<RunningJvm> installers = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            ChildJvm child = ChildJvm.on(jdk, work).named("installer-" + i).classPath(Artifacts.samplesClassPath())
                    .env("npm_config_cache", work.resolve("npm-cache").toString())
                    .agentArgs("lock.dir=" + work.resolve("locks"))
                    .main(INSTALLER, prefix, tarballs.get(2 * i), tarballs.get(2 * i + 1));
            if (!withAgent) {
                child.withoutAgent();
            }
            if (jfr != null && i == 0) {
                child.recordTo(jfr);
            }
            installers.add(child.start());
        }
        return installers;
    }

    private Path sharedPrefix() throws IOException {
        Path prefix = Files.createDirectories(work.resolve("prefix"));
        Files.writeString(prefix.resolve("package.json"), "{\"name\":\"shared-prefix\",\"version\":\"1.0.0\"}\n");
        return prefix;
    }

    private Set<String> expectedPackages() {
        Set<String> names = new TreeSet<>();
        for (int i = 1; i <= 2 * PROCESSES; i++) {
            names.add("baton-pkg-" + i);
        }
        return names;
    }

    /** "Installed" means the package's own package.json is in node_modules, not just a bookkeeping entry. */
    private static Set<String> installedPackages(Path prefix) throws IOException {
        Set<String> names = new TreeSet<>();
        Path modules = prefix.resolve("node_modules");
        if (Files.isDirectory(modules)) {
            try (Stream<Path> dirs = Files.list(modules)) {
                dirs.filter(d -> Files.isRegularFile(d.resolve("package.json")))
                        .forEach(d -> names.add(d.getFileName().toString()));
            }
        }
        return names;
    }

    private static Set<String> declaredDependencies(Path prefix) throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("\"(baton-pkg-\\d+)\"\\s*:").matcher(Files.readString(prefix.resolve("package.json")));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static List<Path> packTarballs(Path dir, int count) throws Exception {
        List<Path> tarballs = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Path source = Files.createDirectories(dir.resolve("src-" + i));
            Files.writeString(source.resolve("package.json"),
                    "{\"name\":\"baton-pkg-" + i + "\",\"version\":\"1.0.0\",\"main\":\"index.js\"}\n");
            Files.writeString(source.resolve("index.js"), "module.exports = " + i + ";\n");
            Process pack = new ProcessBuilder("npm", "pack", "--silent", "--pack-destination", dir.toString())
                    .directory(source.toFile()).redirectErrorStream(true).start();
            String output = new String(pack.getInputStream().readAllBytes());
            assertEquals(0, pack.waitFor(), output);
            tarballs.add(dir.resolve("baton-pkg-" + i + "-1.0.0.tgz"));
        }
        return tarballs;
    }

    private static boolean npmAvailable() {
        try {
            return new ProcessBuilder("npm", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
