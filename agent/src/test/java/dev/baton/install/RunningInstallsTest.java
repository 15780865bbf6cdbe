package dev.baton.install;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.config.BatonConfig;
import dev.baton.core.BatonContext;

/**
 * The install processes Baton follows: an application that starts package managers and never waits for them (a
 * long-lived build daemon) must not keep one entry per process for the rest of its life.
 */
class RunningInstallsTest {
    @TempDir
    Path temp;

    @Test
    void aProcessNobodyWaitsForLeavesOnceItsLeaseHasEnded() throws Exception {
        BatonContext context = new BatonContext(BatonConfig.load("lock.dir=" + temp.resolve("locks"), Map.of(),
                Map.of()), null);
        Path prefix = Files.createDirectories(temp.resolve("prefix"));
        RunningInstalls running = new RunningInstalls();
        InstallLease lease = InstallLease.acquire(context.locks(), "fail", new InstallCommand("npm", "install",
                prefix), "npm install");
        Process process = new ProcessBuilder("cat").start(); // Runs until its input ends.
        running.started(process, List.of(lease));
        assertTrue(running.holdsLeases(process), "followed while it runs");
        process.getOutputStream().close();
        await().atMost(Duration.ofSeconds(30)).until(() -> !running.holdsLeases(process));
        assertFalse(process.isAlive());
        context.lockService().close();
    }
}
