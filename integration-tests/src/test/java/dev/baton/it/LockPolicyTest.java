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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.apps.LockedWorkApp;
import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.CountingHttpServer;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.Recording;
import dev.baton.it.harness.RunningJvm;

/**
 * The policies a user chose are honoured through the real agent, for installs, downloads and user rules alike: a
 * lock timeout with {@code onTimeout=fail} fails the call with its natural exception naming the key and the holder
 * (issue 13, point 3: on main the timeout was swallowed and the call ran unlocked); an unusable lock location stops a
 * JVM with {@code baton.onError=fail} before main, fails a call that cannot be locked at run time, and under
 * {@code warn} says so once per process (issue 20, "no silent loss of protection").
 */
class LockPolicyTest {
    private static final Duration PROMPTLY = Duration.ofSeconds(60);

    @TempDir
    Path work;

    private Jdk jdk;
    private Path npm;
    private Path npmLog;
    private Path project;

    @BeforeEach
    void start() throws Exception {
        jdk = Jdk.target();
        // Policies are Baton's own logic, the same on every JDK; the JDK 25 leg runs the download hooks elsewhere.
        org.junit.jupiter.api.Assumptions.assumeTrue(jdk.feature() == 17, "policies are checked on the JDK 17 leg");
        // A stand-in npm: records each start, and with NPM_HOLD set runs until that file appears.
        npm = work.resolve("bin").resolve("npm");
        Files.createDirectories(npm.getParent());
        Files.writeString(npm, "#!/bin/sh\necho \"$$ $*\" >> \"$NPM_LOG\"\n"
                + "if [ -n \"$NPM_HOLD\" ]; then while [ ! -f \"$NPM_HOLD\" ]; do sleep 0.05; done; fi\n");
        Files.setPosixFilePermissions(npm, PosixFilePermissions.fromString("rwxr-xr-x"));
        npmLog = work.resolve("npm.log");
        project = Files.createDirectories(work.resolve("project"));
    }

    @AfterEach
    void release() throws Exception {
        Files.writeString(work.resolve("hold"), "");
    }

    private ChildJvm installer(String name, String go, int times, String agentArgs) {
        return ChildJvm.on(jdk, work).named(name).classPath(Artifacts.testClasses())
                .agentArgs("lock.dir=" + work.resolve("locks") + (agentArgs.isEmpty() ? "" : "," + agentArgs))
                .env("NPM_LOG", npmLog.toString())
                .main("dev.baton.it.apps.InstallProbe", go, times, project, npm, "install", "left-pad");
    }

    private long npmStarts() throws Exception {
        return Files.exists(npmLog) ? Files.readAllLines(npmLog).size() : 0;
    }

    private static List<String> outcomes(RunningJvm.Result result) {
        return result.stdout().lines().filter(l -> l.startsWith("RESULT ") || l.startsWith("FAILED ")).toList();
    }

    @Test
    void installTimeoutWithPolicyFailFailsTheStartNamingDirectoryAndHolder() throws Exception {
        RunningJvm holder = installer("holder", "-", 1, "").env("NPM_HOLD", work.resolve("hold").toString())
                .start();
        await().atMost(PROMPTLY).until(() -> npmStarts() == 1);

        RunningJvm.Result refused = installer("refused", "-", 1, "lock.timeout=1s").run(60);
        String failure = outcomes(refused).get(0);
        assertTrue(failure.startsWith("FAILED java.io.IOException: timed out after 1s waiting for the "), failure);
        assertTrue(failure.contains(project.toRealPath().toString()), "names the key: " + failure);
        assertTrue(failure.contains("pid " + holder.pid()), "names the holder: " + failure);
        assertEquals(1, npmStarts(), "the refused install must not have run");

        RunningJvm.Result proceeded = installer("proceeded", "-", 1, "lock.timeout=1s,install.onTimeout=proceed")
                .run(60);
        assertEquals(List.of("RESULT 0"), outcomes(proceeded), proceeded.toString());
        assertTrue(proceeded.stderr().contains("proceeding without the lock"), proceeded.toString());
        assertEquals(2, npmStarts());
        Files.writeString(work.resolve("hold"), "");
        assertEquals(List.of("RESULT 0"), outcomes(holder.awaitExit(60)));
    }

    @Test
    void downloadTimeoutWithPolicyFailFailsTheCallNamingTargetAndHolder() throws Exception {
        try (CountingHttpServer server = new CountingHttpServer(512 * 1024, 4 * 1024 * 1024)) {
            server.stallAfter(64 * 1024);
            Path target = Files.createDirectories(work.resolve("cache")).resolve("big.bin");
            ChildJvm probe = ChildJvm.on(jdk, work).classPath(Artifacts.classPath(Artifacts.testClasses(),
                    Artifacts.samplesClassPath())).agentArgs("lock.dir=" + work.resolve("locks"))
                    .main("dev.baton.it.apps.DownloadProbe", "files-copy",
                            server.uri("/big.bin"), target, "replace");
            RunningJvm holder = probe.named("holder").start();
            await().atMost(PROMPTLY).until(() -> server.bytesSent() >= 64 * 1024);

            RunningJvm.Result refused = probe.named("refused")
                    .agentArgs("lock.dir=" + work.resolve("locks") + ",lock.timeout=1s,download.onTimeout=fail")
                    .run(60);
            String failure = refused.stdout().lines().filter(l -> l.startsWith("FAILED ") || l.startsWith("RESULT"))
                    .findFirst().orElse(refused.toString());
            assertTrue(failure.startsWith("FAILED java.io.IOException: timed out after 1s waiting for the "), failure);
            assertTrue(failure.contains(target.toString()), "names the key: " + failure);
            assertTrue(failure.contains("pid " + holder.pid()), "names the holder: " + failure);
            server.resume();
            assertTrue(holder.awaitExit(60).stdout().contains("RESULT " + server.size()));
        }
    }

    /**
     * A user rule's own policy through the agent (the rule's default, {@code onTimeout=fail}): the locked method
     * fails with an IOException naming the key and the holder and its body never runs; {@code onTimeout=proceed}
     * runs it without the lock, said in one line.
     */
    @Test
    void ruleTimeoutWithPolicyFailFailsTheMethodAndProceedRunsIt() throws Exception {
        Path log = work.resolve("work.log");
        RunningJvm holder = lockedWork("holder", log, work.resolve("hold").toString(), "").start();
        await().atMost(PROMPTLY).until(() -> holder.stdout().contains("HOLDING"));

        RunningJvm.Result refused = lockedWork("refused", log, "-", "1s").run(60);
        String failure = outcomes(refused).get(0);
        assertTrue(failure.startsWith("FAILED java.io.IOException: timed out after 1s waiting for the "), failure);
        assertTrue(failure.contains("widget-7"), "names the key: " + failure);
        assertTrue(failure.contains("pid " + holder.pid()), "names the holder: " + failure);
        assertEquals(1, Files.readAllLines(log).size(), "the refused method must not have run unlocked");

        RunningJvm.Result proceeded = lockedWork("proceeded", log, "-", "1s")
                .property("baton.rules.work.onTimeout", "proceed").run(60);
        assertEquals(List.of("RESULT ran"), outcomes(proceeded), proceeded.toString());
        assertTrue(proceeded.stderr().contains("proceeding without the lock"), proceeded.toString());
        assertEquals(2, Files.readAllLines(log).size());
        Files.writeString(work.resolve("hold"), "");
        assertEquals(List.of("RESULT ran"), outcomes(holder.awaitExit(60)));
    }

    /** LockedWorkApp's build(key), locked by the rule "work" (onTimeout left at its default, fail). */
    private ChildJvm lockedWork(String name, Path log, String hold, String timeout) {
        ChildJvm child = ChildJvm.on(jdk, work).named(name).classPath(Artifacts.testClasses())
                .agentArgs("lock.dir=" + work.resolve("locks"))
                .property("baton.rules.work.method", LockedWorkApp.Workshop.class.getName()
                        + "#build(java.lang.String)")
                .property("baton.rules.work.action", "lock").property("baton.rules.work.key", "arg0")
                .main(LockedWorkApp.class.getName(), "once", "widget-7", log, hold);
        return timeout.isEmpty() ? child : child.property("baton.rules.work.timeout", timeout);
    }

    @Test
    void onErrorFailRefusesToStartWhenTheLockDirectoryIsUnusable() throws Exception {
        Path aFile = Files.writeString(work.resolve("not-a-directory"), "");
        RunningJvm.Result result = hello().agentArgs("lock.dir=" + aFile + ",onError=fail").run(60);
        assertEquals(2, result.exitCode(), result.toString());
        assertFalse(result.stdout().contains("main ran"), result.toString());
        List<String> lines = result.batonLines();
        assertEquals(1, lines.size(), result.toString());
        assertTrue(lines.get(0).startsWith("[baton] ERROR exiting with status 2: the lock location is unusable"),
                lines.get(0));
        assertTrue(lines.get(0).contains(aFile.toString()), lines.get(0));

        RunningJvm.Result warned = hello().agentArgs("lock.dir=" + aFile).run(60);
        assertEquals(0, warned.exitCode(), warned.toString());
        assertTrue(warned.stdout().contains("main ran"), "with warn nothing locks yet, so nothing is said");
    }

    /**
     * A lock directory nobody may write to. Root writes anywhere, so as root the directory is made immutable
     * (chattr +i) instead of read-only.
     */
    @Test
    void onErrorFailRefusesToStartWhenTheLockDirectoryIsNotWritable() throws Exception {
        Path locked = Files.createDirectories(work.resolve("read-only-locks"));
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            org.junit.jupiter.api.Assumptions.assumeTrue(run("chattr", "+i", locked.toString()) == 0,
                    "chattr +i is not available here: not-writable case skipped");
        } else {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        try {
            RunningJvm.Result result = hello().agentArgs("lock.dir=" + locked + ",onError=fail").run(60);
            assertEquals(2, result.exitCode(), result.toString());
            assertFalse(result.stdout().contains("main ran"), result.toString());
            assertEquals(1, result.batonLines().size(), result.toString());
            assertTrue(result.batonLines().get(0).contains("the lock location is unusable"), result.toString());
        } finally {
            if (root) {
                run("chattr", "-i", locked.toString());
            } else {
                Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    /** A full disk: a tiny tmpfs, filled up (needs root to mount; skipped visibly otherwise). */
    @Test
    void onErrorFailRefusesToStartWhenTheLockDiskIsFull() throws Exception {
        Path mount = Files.createDirectories(work.resolve("tiny"));
        org.junit.jupiter.api.Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs",
                mount.toString()) == 0, "cannot mount a tmpfs here (needs root): full-disk case skipped");
        try {
            Path locks = Files.createDirectories(mount.resolve("locks"));
            try (var out = Files.newOutputStream(mount.resolve("filler"))) {
                byte[] block = new byte[4096];
                for (int i = 0; i < 16; i++) {
                    out.write(block);
                }
            } catch (java.io.IOException full) {
                // Full: the point.
            }
            RunningJvm.Result result = hello().agentArgs("lock.dir=" + locks + ",onError=fail").run(60);
            assertEquals(2, result.exitCode(), result.toString());
            assertFalse(result.stdout().contains("main ran"), result.toString());
            assertEquals(1, result.batonLines().size(), result.toString());
            assertTrue(result.batonLines().get(0).contains("the lock location is unusable"), result.toString());
        } finally {
            run("umount", mount.toString());
        }
    }

    /**
     * The lock directory becomes unusable while the JVM runs. With onError=fail the install fails (on main it ran
     * unprotected); with warn it runs, said once for the whole process, and every occurrence is a baton.Fallback.
     */
    @Test
    void aLockFailureAtRunTimeFailsTheCallOrIsSaidOncePerProcess() throws Exception {
        Path go = work.resolve("go");
        RunningJvm strict = installer("strict", go.toString(), 2, "onError=fail").start();
        Path jfr = work.resolve("warn.jfr");
        RunningJvm lenient = installer("lenient", go.toString(), 2, "").recordTo(jfr).start();
        await().atMost(PROMPTLY).until(() -> strict.stdout().contains("WAITING")
                && lenient.stdout().contains("WAITING"));
        // Now the lock directory turns into a file.
        Files.deleteIfExists(work.resolve("locks"));
        Files.writeString(work.resolve("locks"), "");
        Files.writeString(go, "");

        RunningJvm.Result strictResult = strict.awaitExit(60);
        List<String> refused = outcomes(strictResult);
        assertEquals(2, refused.size(), strictResult.toString());
        for (String failure : refused) {
            assertTrue(failure.startsWith("FAILED java.io.IOException: Baton could not take the "), failure);
            assertTrue(failure.contains("baton.onError=fail"), failure);
        }

        RunningJvm.Result lenientResult = lenient.awaitExit(60);
        assertEquals(List.of("RESULT 0", "RESULT 0"), outcomes(lenientResult), lenientResult.toString());
        assertEquals(1, lenientResult.stderr().lines().filter(l -> l.contains("WITHOUT cross-process protection"))
                .count(), lenientResult.toString());
        assertEquals(2, Recording.events(jfr, "baton.Fallback").size());
        assertEquals(2, npmStarts(), "only the lenient process's installs ran");
    }

    private ChildJvm hello() {
        return ChildJvm.on(jdk, work).classPath(Artifacts.testClasses()).main("dev.baton.it.apps.HelloApp");
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor();
    }
}
