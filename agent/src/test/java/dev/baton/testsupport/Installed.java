package dev.baton.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the real parts tests start (other JDKs, Chromium, package managers) where people install them, so that the
 * README's plain {@code mvn -B verify} runs every test the machine can run, without environment variables. Shared
 * by the agent's and the integration tests (the agent's test jar carries this package).
 */
public final class Installed {
    /** Directories that hold one JDK per entry, as Debian, RPM, SDKMAN, IntelliJ and macOS lay them out. */
    private static final List<String> JDK_PARENTS = List.of("/usr/lib/jvm", "/usr/java", "/opt/java", "/opt",
            "~/.sdkman/candidates/java", "~/.jdks", "/Library/Java/JavaVirtualMachines");
    /** Places that hold programs but are often missing from a service's PATH. */
    private static final List<String> PROGRAM_DIRS = List.of("/usr/local/bin", "/usr/bin", "/bin", "/snap/bin",
            "/usr/lib/chromium", "/opt/google/chrome");
    private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)(?:[.\"+-].*)?",
            Pattern.MULTILINE);

    private Installed() {
    }

    /**
     * The home of a JDK of exactly this feature release: the running JDK, {@code JAVA<N>_HOME}, {@code JAVA_HOME},
     * the {@code java} on the PATH, else the newest of the usual install directories.
     */
    public static Optional<Path> jdk(int feature) {
        return jdkHomes().filter(home -> featureOf(home) == feature).findFirst();
    }

    /** A JDK of this feature release or later, the running one first. */
    public static Optional<Path> jdkAtLeast(int feature) {
        return jdkHomes().filter(home -> featureOf(home) >= feature).findFirst();
    }

    /** The first of these program names found on the PATH or in the usual program directories. */
    public static Optional<Path> program(String... names) {
        List<Path> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    dirs.add(Path.of(dir));
                }
            }
        }
        PROGRAM_DIRS.forEach(dir -> dirs.add(Path.of(dir)));
        for (String name : names) {
            for (Path dir : dirs) {
                Path candidate = dir.resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The path of a JDK's tool, e.g. {@code bin/java}. */
    public static Path tool(Path jdkHome, String name) {
        return jdkHome.resolve("bin").resolve(name);
    }

    private static Stream<Path> jdkHomes() {
        Set<Path> homes = new LinkedHashSet<>();
        homes.add(Path.of(System.getProperty("java.home")));
        int running = Runtime.version().feature();
        for (String variable : new String[] {"JAVA" + running + "_HOME", "JAVA_HOME"}) {
            String value = System.getenv(variable);
            if (value != null && !value.isEmpty()) {
                homes.add(Path.of(value));
            }
        }
        // Every JAVA<N>_HOME the environment names, e.g. JAVA25_HOME as CI systems set it.
        System.getenv().forEach((name, value) -> {
            if (name.matches("JAVA\\d+_HOME") && !value.isEmpty()) {
                homes.add(Path.of(value));
            }
        });
        program("java").map(Installed::realHome).ifPresent(homes::add);
        List<Path> installed = new ArrayList<>();
        for (String parent : JDK_PARENTS) {
            Path dir = Path.of(parent.replace("~", System.getProperty("user.home")));
            try (Stream<Path> entries = Files.list(dir)) {
                entries.map(Installed::macHome).forEach(installed::add);
            } catch (IOException e) {
                // Not on this machine.
            }
        }
        // Newest first among the installs, so "jdk(25)" picks the latest 25 update.
        installed.sort(Comparator.comparing(Installed::releaseVersion).reversed());
        homes.addAll(installed);
        return homes.stream().filter(home -> Files.isExecutable(tool(home, "java")));
    }

    private static Path macHome(Path entry) {
        Path contents = entry.resolve("Contents").resolve("Home");
        return Files.isDirectory(contents) ? contents : entry;
    }

    private static Path realHome(Path javaOnPath) {
        try {
            return javaOnPath.toRealPath().getParent().getParent();
        } catch (IOException e) {
            return javaOnPath.getParent().getParent();
        }
    }

    /** The feature release a JDK home declares in its {@code release} file; -1 when it has none. */
    static int featureOf(Path home) {
        Matcher version = JAVA_VERSION.matcher(readRelease(home));
        if (!version.find()) {
            return -1;
        }
        int first = Integer.parseInt(version.group(1));
        // Java 8 and older declare "1.8.0_..."
        return first == 1 ? 8 : first;
    }

    private static String releaseVersion(Path home) {
        Matcher version = Pattern.compile("^JAVA_VERSION=\"([^\"]*)\"", Pattern.MULTILINE).matcher(readRelease(home));
        if (!version.find()) {
            return "";
        }
        // Zero-pad each number so that 25.0.10 sorts after 25.0.9.
        StringBuilder sortable = new StringBuilder();
        for (String part : version.group(1).split("[._+-]")) {
            sortable.append(part.matches("\\d+") ? String.format("%06d", Long.parseLong(part)) : part).append('.');
        }
        return sortable.toString();
    }

    private static String readRelease(Path home) {
        try {
            return Files.readString(home.resolve("release"));
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
