package dev.baton.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.apps.LockedWorkApp;
import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.RunningJvm;

/**
 * Where lock files live when nobody sets {@code baton.lock.dir}: {@code $XDG_CACHE_HOME/baton/locks}, else
 * {@code ~/.cache/baton/locks} (README, configuration table), created 0700, and no lock file left once the JVM is
 * done. Each child runs with HOME, {@code user.home} and XDG_CACHE_HOME pointed at temp directories (never the real
 * home), and holds a user rule's lock (a key that names no directory of its own) while the test looks.
 */
class DefaultLockDirectoryTest {
    @TempDir
    Path work;

    private Jdk jdk;
    private Path home;
    private Path xdg;

    @BeforeEach
    void start() throws Exception {
        jdk = Jdk.target();
        // Where a file goes is the same logic on every JDK.
        Assumptions.assumeTrue(jdk.feature() == 17, "the lock directory is checked on the JDK 17 leg");
        home = Files.createDirectories(work.resolve("home"));
        xdg = Files.createDirectories(work.resolve("xdg-cache"));
    }

    @Test
    void lockFilesGoToXdgCacheHomeElseToTheHomeCache() throws Exception {
        Path underXdg = xdg.resolve("baton").resolve("locks");
        Path underHome = home.resolve(".cache").resolve("baton").resolve("locks");

        holdALockWith(xdg.toString(), "xdg", underXdg);
        assertFalse(Files.exists(home.resolve(".cache")), "with XDG_CACHE_HOME set nothing goes to ~/.cache");

        // An empty XDG_CACHE_HOME counts as unset (XDG Base Directory specification).
        holdALockWith("", "home", underHome);
        assertEquals(List.of(), lockFiles(underXdg), "the second JVM must not have used XDG_CACHE_HOME");
    }

    /** Runs a child holding a rule lock, checks its lock file in {@code expected} while held, and that it goes. */
    private void holdALockWith(String xdgCacheHome, String name, Path expected) throws Exception {
        Path hold = work.resolve(name + ".hold");
        RunningJvm child = ChildJvm.on(jdk, work).named(name).classPath(Artifacts.testClasses())
                .env("HOME", home.toString()).env("XDG_CACHE_HOME", xdgCacheHome)
                .property("user.home", home)
                .property("baton.rules.work.method", LockedWorkApp.Workshop.class.getName()
                        + "#build(java.lang.String)")
                .property("baton.rules.work.action", "lock").property("baton.rules.work.key", "arg0")
                .main(LockedWorkApp.class.getName(), "once", "widget", work.resolve(name + ".log"), hold)
                .start();
        await().atMost(Duration.ofSeconds(60)).until(() -> child.stdout().contains("HOLDING")
                || !child.process().isAlive());
        try {
            assertEquals(1, lockFiles(expected).size(), "one lock file in " + expected + ": " + lockFiles(expected)
                    + "\n" + child.stderr());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(expected)));
        } finally {
            Files.writeString(hold, "");
        }
        RunningJvm.Result result = child.awaitExit(60);
        assertTrue(result.stdout().contains("RESULT ran"), result.toString());
        assertEquals(List.of(), lockFiles(expected), "a lock file no process uses is removed");
    }

    private static List<Path> lockFiles(Path directory) throws Exception {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
