package dev.baton.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.apps.InstallerApp;
import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.InstallGate;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.NodePackages;

/**
 * Real npm and yarn, offline (local tarballs made with {@code npm pack}), on the routes to an install the other
 * install tests do not take: global installs ({@code npm install -g}, {@code yarn global add}), whose directory is the
 * tool's, not the working directory, and legacy code's {@code Runtime.getRuntime().exec(String)}. Each time a
 * holder's installer is kept inside its install by the preinstall script at an {@link InstallGate}; the contender's
 * must wait for the same lock until the gate opens, and both installs must survive.
 */
class InstallRoutesTest {
    private static final Duration PROMPTLY = Duration.ofMinutes(2);

    @TempDir
    Path work;

    private Jdk jdk;
    private InstallGate gate;
    private Path gated;
    private Path plain;

    @BeforeEach
    void setUp() throws Exception {
        jdk = Jdk.target();
        NodePackages.assumeNpm();
        gate = new InstallGate(work.resolve("gate"));
        gated = NodePackages.pack(work.resolve("packages"), "baton-route-gated", true);
        plain = NodePackages.pack(work.resolve("packages"), "baton-route-plain", false);
    }

    /**
     * {@code npm install -g} in one directory and {@code npm install --global} in another: different working
     * directories, one global prefix (npm_config_prefix), so one key for npm's global installs.
     */
    @Test
    void globalInstallsOfOneToolShareOneLockWhateverTheWorkingDirectory() throws Exception {
        Assumptions.assumeTrue(jdk.feature() == 17, "reading an npm command line is the same on every JDK: JDK 17"
                + " leg only");
        Path global = work.resolve("global");
        contend(npm("holder", "wait", Files.createDirectories(work.resolve("project-a")), "-g", gated),
                npm("contender", "wait", Files.createDirectories(work.resolve("project-b")), "--global", plain));
        for (String name : new String[] {"baton-route-gated", "baton-route-plain"}) {
            assertTrue(Files.isRegularFile(global.resolve("lib/node_modules").resolve(name).resolve("package.json")),
                    name + " installed globally");
        }
    }

    /**
     * yarn 1 installs globally with a subcommand, {@code yarn global add}, not an option: the same one key for yarn's
     * global folder, wherever it runs (its global folder, bin prefix and cache are temp directories here).
     */
    @Test
    void yarnGlobalAddsShareOneLockWhateverTheWorkingDirectory() throws Exception {
        Assumptions.assumeTrue(jdk.feature() == 17, "reading a yarn command line is the same on every JDK: JDK 17"
                + " leg only");
        String yarn = NodePackages.tool("yarn").toString();
        Path folder = work.resolve("yarn-global");
        List<String> options = List.of("--offline", "--no-progress", "--global-folder", folder.toString(),
                "--prefix", work.resolve("yarn-bin").toString(), "--cache-folder",
                work.resolve("yarn-cache").toString());
        contend(installer("holder", "wait", Files.createDirectories(work.resolve("project-a")),
                        with(List.of(yarn, "global", "add", "file:" + gated), options)),
                installer("contender", "wait", Files.createDirectories(work.resolve("project-b")),
                        with(List.of(yarn, "global", "add", "file:" + plain), options)));
        for (String name : new String[] {"baton-route-gated", "baton-route-plain"}) {
            assertTrue(Files.isRegularFile(folder.resolve("node_modules").resolve(name).resolve("package.json")),
                    name + " installed globally");
        }
    }

    /**
     * The holder starts npm with ProcessBuilder, the contender with {@code Runtime.exec(String, null, File)}, both
     * into one prefix: without the lock the second npm writes back the package.json it read before the first one's
     * package was added. Both legs: Runtime.exec's way into ProcessBuilder and ProcessImpl are the JDK's.
     */
    @Test
    void runtimeExecOfNpmWaitsForTheDirectoryLockAndBothInstallsSurvive() throws Exception {
        Path prefix = Files.createDirectories(work.resolve("prefix"));
        Files.writeString(prefix.resolve("package.json"), "{\"name\":\"prefix\",\"version\":\"1.0.0\"}\n");
        contend(npm("holder", "wait", prefix, "--prefix", prefix, gated),
                npm("contender", "exec", prefix, "--prefix", prefix, plain));
        String declared = Files.readString(prefix.resolve("package.json"));
        assertTrue(declared.contains("\"baton-route-gated\"") && declared.contains("\"baton-route-plain\""),
                "both installs are in package.json: " + declared);
    }

    /** The holder reaches the gate; the contender must then say it waits for the install lock; both exit 0. */
    private void contend(ChildJvm holderJvm, ChildJvm contenderJvm) throws Exception {
        gate.holderThenWaitingContender(holderJvm, contenderJvm, "the contender's installer", PROMPTLY, 120);
    }

    /** {@code npm install ARGS... --no-audit --no-fund} started by {@link InstallerApp} in {@code mode}. */
    private ChildJvm npm(String name, String mode, Path dir, Object... args) {
        List<String> command = new ArrayList<>(List.of("npm", "install"));
        for (Object arg : args) {
            command.add(arg.toString());
        }
        return installer(name, mode, dir, with(command, List.of("--no-audit", "--no-fund")));
    }

    private static List<String> with(List<String> command, List<String> options) {
        List<String> all = new ArrayList<>(command);
        all.addAll(options);
        return all;
    }

    /** {@link InstallerApp} in {@code mode}, starting {@code command} in {@code dir}. */
    private ChildJvm installer(String name, String mode, Path dir, List<String> command) {
        List<Object> all = new ArrayList<>(List.of(mode, dir));
        all.addAll(command);
        return ChildJvm.on(jdk, work).named(name).classPath(Artifacts.testClasses())
                .agentArgs("lock.dir=" + work.resolve("locks"))
                .env(InstallGate.ENV, gate.dir().toString())
                .env("npm_config_cache", work.resolve("npm-cache").toString())
                .env("npm_config_prefix", work.resolve("global").toString())
                .env("npm_config_update_notifier", "false")
                .main(InstallerApp.class.getName(), all.toArray());
    }
}
