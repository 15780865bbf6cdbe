package dev.baton.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.apps.SequentialInstallsApp;
import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.Recording;
import dev.baton.it.harness.RunningJvm;

/**
 * An install is over for Baton before the application hears that it is: its baton.Install event is recorded and its
 * lock released before {@code waitFor} returns. Before, only a Baton thread of its own noticed the exit, racing the
 * application: an application that exited right after {@code waitFor} could lose the event (5 and 7 of 8 recorded in
 * demo runs on a busy machine), and one that started its next install at once could find the lock still held by the
 * install that had ended. {@link SequentialInstallsApp} makes that race certain: it keeps Baton's lease thread from
 * seeing any exit, so only what happens inside {@code waitFor} counts.
 */
class InstallExitTest {
    private static final int ROUNDS = 20;

    @TempDir
    Path work;

    @Test
    void eachInstallIsRecordedAndItsLockFreeWhenWaitForReturns() throws Exception {
        Jdk jdk = Jdk.target();
        Path target = Files.createDirectories(work.resolve("target"));
        Path installer = work.resolve("bin").resolve("quick-install");
        Files.createDirectories(installer.getParent());
        Files.writeString(installer, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(installer, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jfr = work.resolve("installs.jfr");

        // A lock still held when the next install starts makes that start wait; 1 ms and onTimeout=fail turn such a
        // wait into a visible "start failed" instead of a delay.
        RunningJvm.Result result = ChildJvm.on(jdk, work).classPath(Artifacts.testClasses())
                .agentArgs("lock.dir=" + work.resolve("locks"))
                .property("baton.install.commands", "quick-install").property("baton.lock.timeout", "1ms")
                .property("baton.install.onTimeout", "fail").recordTo(jfr)
                .main(SequentialInstallsApp.class.getName(), target, ROUNDS, installer).run(120);

        assertEquals(0, result.exitCode(), result.toString());
        assertFalse(result.stdout().contains("start failed"), result.toString());
        assertEquals(ROUNDS, result.stdout().lines().filter(l -> l.matches("installed \\d+ exit 0")).count(),
                result.toString());
        assertEquals(ROUNDS, Recording.events(jfr, "baton.Install").size(),
                "every install recorded, the last one too, though the JVM exits right after its waitFor");
    }
}
