package dev.baton.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.apps.InstallerApp;
import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.InstallGate;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.LockWaits;
import dev.baton.it.harness.NodePackages;
import dev.baton.it.harness.RunningJvm;
import dev.baton.testsupport.Installed;

/**
 * Every installer the README names, end to end with the real tool, and the install lock's lifetime. A holder JVM runs
 * {@code gate-install} (a stand-in installer listed in baton.install.commands) in a directory and keeps it inside
 * its install at an {@link InstallGate}; a second JVM then starts the real tool on the same directory and must wait
 * for the directory's lock until the gate opens. A tool Baton does not recognise starts at once and fails the test.
 */
class InstallCommandsTest {
    private static final Duration PROMPTLY = Duration.ofMinutes(2);

    @TempDir
    Path work;

    private Jdk jdk;
    private InstallGate gate;
    private Path bin;
    private Path target;

    @BeforeEach
    void setUp() throws IOException {
        jdk = Jdk.target();
        gate = new InstallGate(work.resolve("gate"));
        bin = work.resolve("bin");
        InstallGate.shellInstaller(bin, "gate-install");
        quickInstaller("quick-install");
        target = Files.createDirectories(work.resolve("target-dir"));
    }

    @Test
    void pnpmWaitsForTheDirectoryLock() throws Exception {
        onOneLeg();
        Path pnpm = NodePackages.tool("pnpm");
        Path tarball = NodePackages.pack(work.resolve("packages"), "baton-pnpm-pkg", false);
        nodeProject(target);
        contendWith(work, List.of(pnpm.toString(), "add", tarball.toString(), "--dir", target.toString(),
                "--store-dir", work.resolve("pnpm-store").toString()));
        assertTrue(Files.isRegularFile(target.resolve("node_modules/baton-pnpm-pkg/package.json")));
    }

    @Test
    void yarnWaitsForTheDirectoryLock() throws Exception {
        onOneLeg();
        Path yarn = NodePackages.tool("yarn");
        Path tarball = NodePackages.pack(work.resolve("packages"), "baton-yarn-pkg", false);
        nodeProject(target);
        contendWith(work, List.of(yarn.toString(), "add", "file:" + tarball, "--cwd", target.toString(), "--offline",
                "--no-progress", "--cache-folder", work.resolve("yarn-cache").toString()));
        assertTrue(Files.isRegularFile(target.resolve("node_modules/baton-yarn-pkg/package.json")));
    }

    @Test
    void pipWaitsForTheTargetDirectoryLock() throws Exception {
        onOneLeg();
        Path pip = program("pip not installed (PyPI is not reachable here; pip comes with the machine's Python)",
                "pip3", "pip");
        contendWith(work, pipInstall(List.of(pip.toString())));
        assertTrue(Files.isRegularFile(target.resolve("baton_pip_pkg/__init__.py")));
    }

    @Test
    void pythonDashMPipWaitsForTheTargetDirectoryLock() throws Exception {
        onOneLeg();
        Path python = program("python not installed", "python3", "python");
        contendWith(work, pipInstall(List.of(python.toString(), "-m", "pip")));
        assertTrue(Files.isRegularFile(target.resolve("baton_pip_pkg/__init__.py")));
    }

    /** Two executables of baton.install.commands on one directory: the second waits for the first. */
    @Test
    void configuredInstallCommandsWaitForEachOther() throws Exception {
        contendWith(target, List.of(bin.resolve("quick-install").toString()));
        assertEquals(2, Files.readAllLines(target.resolve("gate-installs.log")).size(), "both installers ran");
    }

    /** baton.install.enabled=false: an installer starts at once, whoever is installing into the directory. */
    @Test
    void withInstallsDisabledNothingWaits() throws Exception {
        RunningJvm holder = installerApp("holder", "wait", target.toString(), bin.resolve("gate-install").toString())
                .start();
        try {
            await().atMost(PROMPTLY).until(() -> gate.arrivals() == 1 || !holder.process().isAlive());
            RunningJvm.Result unlocked = installerApp("unlocked", "wait", target.toString(),
                    bin.resolve("quick-install").toString()).property("baton.install.enabled", "false")
                    .property("baton.lock.timeout", "30s").run(120);
            assertEquals(0, unlocked.exitCode(), unlocked.toString());
            assertFalse(LockWaits.waited(unlocked.stderr(), "install"), unlocked.toString());
            assertTrue(holder.process().isAlive(), "the holder's installer still runs");
        } finally {
            gate.open();
        }
        assertEquals(0, holder.awaitExit(60).exitCode());
    }

    /** The application starts the installer and never waits for it: the lock follows the process, not the JVM. */
    @Test
    void theLockIsHeldUntilTheInstallerExitsThoughTheApplicationNeverWaits() throws Exception {
        Path release = work.resolve("release");
        RunningJvm holder = installerApp("holder", "keep", release.toString(), target.toString(),
                bin.resolve("gate-install").toString()).start();
        try {
            await().atMost(PROMPTLY).until(() -> gate.arrivals() == 1);
            RunningJvm contender = installerApp("contender", "wait", target.toString(),
                    bin.resolve("quick-install").toString()).start();
            await().atMost(PROMPTLY).until(() -> LockWaits.waited(contender, "install")
                    || !contender.process().isAlive());
            assertTrue(LockWaits.waited(contender, "install"), "the holder's installer still runs: the contender"
                    + " waits\n" + contender.stderr());
            gate.open();
            // The holder's installer exits; its JVM lives on and never calls waitFor, yet the lock is free.
            RunningJvm.Result contended = contender.awaitExit(120);
            assertEquals(0, contended.exitCode(), contended.toString());
            assertTrue(holder.process().isAlive(), "the holder JVM is still running");
        } finally {
            Files.createFile(release);
        }
        assertEquals(0, holder.awaitExit(60).exitCode());
    }

    /** A start that fails (no such program) releases the lock at once, though its JVM goes on running. */
    @Test
    void aFailedStartReleasesTheLockAtOnce() throws Exception {
        Path release = work.resolve("release");
        RunningJvm holder = installerApp("holder", "keep", release.toString(), target.toString(),
                bin.resolve("missing-install").toString()).start();
        try {
            await().atMost(PROMPTLY).until(() -> holder.stdout().contains("start failed"));
            // With the lock leaked, this start would wait for it (30 s, then install.onTimeout applies).
            RunningJvm.Result contended = installerApp("contender", "wait", target.toString(),
                    bin.resolve("quick-install").toString()).property("baton.lock.timeout", "30s").run(120);
            assertEquals(0, contended.exitCode(), contended.toString());
            assertFalse(LockWaits.waited(contended.stderr(), "install"), contended.toString());
            assertTrue(holder.process().isAlive(), "the failed start's JVM is still running");
        } finally {
            Files.createFile(release);
        }
        assertEquals(0, holder.awaitExit(60).exitCode());
    }

    /**
     * The holder keeps {@code gate-install} inside its install on {@link #target}; then {@code command} starts in
     * another JVM (working directory {@code dir}) and must wait for the target's lock; then the gate opens and both
     * finish.
     */
    /**
     * A cancelled task (its thread's interrupt flag set) that starts an installer still waits for the directory's
     * lock, and keeps its interrupt. On main the interrupt was taken for Baton's own failure: the installer started
     * at once beside the holder's, and the flag was gone.
     */
    @Test
    void anInterruptedThreadStillWaitsForTheDirectoryLockAndKeepsItsInterrupt() throws Exception {
        ChildJvm contender = installerApp("contender", "interrupted", target.toString(),
                bin.resolve("gate-install").toString());
        RunningJvm.Result result = gate.holderThenWaitingContender(
                installerApp("holder", "wait", target.toString(), bin.resolve("gate-install").toString()),
                contender, "an interrupted starter", PROMPTLY, 60);
        assertTrue(result.stdout().contains("interrupt kept=true"), result.toString());
    }

    private void contendWith(Path dir, List<String> command) throws Exception {
        List<Object> args = new ArrayList<>(List.of(dir));
        args.addAll(command);
        gate.holderThenWaitingContender(
                installerApp("holder", "wait", target.toString(), bin.resolve("gate-install").toString()),
                installerApp("contender", "wait", args.toArray()), command.get(0), PROMPTLY, 60);
    }

    private ChildJvm installerApp(String name, String mode, Object... args) {
        Object[] all = new Object[args.length + 1];
        all[0] = mode;
        System.arraycopy(args, 0, all, 1, args.length);
        return ChildJvm.on(jdk, work).named(name).classPath(Artifacts.testClasses())
                .agentArgs("lock.dir=" + work.resolve("locks"))
                .property("baton.install.commands", "gate-install quick-install missing-install")
                .env(InstallGate.ENV, gate.dir().toString())
                .env("npm_config_cache", work.resolve("npm-cache").toString())
                .env("PIP_CACHE_DIR", work.resolve("pip-cache").toString())
                .main(InstallerApp.class.getName(), all);
    }

    /** The pip tests and the package-manager tests read the same code on both JDKs: one leg is enough. */
    private void onOneLeg() {
        Assumptions.assumeTrue(jdk.feature() == 17, "package managers are recognised the same on every JDK: checked"
                + " on the JDK 17 leg only");
    }

    private static Path program(String reasonWhenMissing, String... names) {
        Optional<Path> program = Installed.program(names);
        Assumptions.assumeTrue(program.isPresent(), reasonWhenMissing);
        return program.get();
    }

    private List<String> pipInstall(List<String> pip) throws IOException {
        List<String> command = new ArrayList<>(pip);
        command.addAll(List.of("install", "--no-index", "--no-cache-dir", "--disable-pip-version-check",
                "--target", target.toString(), wheel(work.resolve("wheels")).toString()));
        return command;
    }

    /** A stand-in installer that appends its pid to gate-installs.log in its working directory and exits 0. */
    private void quickInstaller(String name) throws IOException {
        Path program = bin.resolve(name);
        Files.writeString(program, "#!/bin/sh\necho $$ >> gate-installs.log\n");
        program.toFile().setExecutable(true);
    }

    private static void nodeProject(Path dir) throws IOException {
        Files.writeString(dir.resolve("package.json"), "{\"name\":\"target\",\"version\":\"1.0.0\"}\n");
    }

    /** A minimal pure-Python wheel, built here: PyPI is not reachable. */
    private static Path wheel(Path dir) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("baton_pip_pkg/__init__.py", "VALUE = 1\n");
        files.put("baton_pip_pkg-1.0.0.dist-info/METADATA",
                "Metadata-Version: 2.1\nName: baton-pip-pkg\nVersion: 1.0.0\n");
        files.put("baton_pip_pkg-1.0.0.dist-info/WHEEL",
                "Wheel-Version: 1.0\nGenerator: baton-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
        StringBuilder record = new StringBuilder();
        for (Map.Entry<String, String> file : files.entrySet()) {
            byte[] bytes = file.getValue().getBytes(StandardCharsets.UTF_8);
            record.append(file.getKey()).append(",sha256=").append(Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(sha256(bytes))).append(',').append(bytes.length).append('\n');
        }
        record.append("baton_pip_pkg-1.0.0.dist-info/RECORD,,\n");
        files.put("baton_pip_pkg-1.0.0.dist-info/RECORD", record.toString());
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                out.putNextEntry(new ZipEntry(file.getKey()));
                out.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        Path wheel = Files.createDirectories(dir).resolve("baton_pip_pkg-1.0.0-py3-none-any.whl");
        Files.write(wheel, zip.toByteArray());
        return wheel;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
