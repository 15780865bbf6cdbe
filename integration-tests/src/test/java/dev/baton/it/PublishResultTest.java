package dev.baton.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.apps.LauncherWriterApp;
import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.RunningJvm;

/**
 * {@code publish=argN} must be invisible to the method's caller and to the file's later readers: a method that
 * returns the file it wrote returns the caller's file, not Baton's temp (which is gone by then), and permissions the
 * method set on purpose (an executable launcher) survive the publish. Both failed on main (found by the download
 * review): the caller got {@code .run.sh.baton-...tmp exists=false} and the launcher lost its x bit.
 */
class PublishResultTest {
    @TempDir
    Path work;

    @Test
    void theCallerGetsItsOwnFileBackWithThePermissionsTheMethodGaveIt() throws Exception {
        Path target = Files.createDirectories(work.resolve("bin")).resolve("run.sh");
        Files.writeString(target, "old launcher");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        String writer = LauncherWriterApp.Writer.class.getName();
        RunningJvm.Result result = ChildJvm.on(Jdk.target(), work).named("launcher")
                .classPath(Artifacts.testClasses()).agentArgs("lock.dir=" + work.resolve("locks"))
                .lockRule("launcher", writer + "#writeLauncher", "arg0", "publish", "arg0")
                .main(LauncherWriterApp.class.getName(), target).run(60);
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("returned run.sh exists=true\npermissions rwxr--r--", result.stdout().strip(),
                result.toString());
        assertEquals("#!/bin/sh\necho tool\n", Files.readString(target));
    }

    /** A method that writes without touching permissions leaves the target's as they were, as before. */
    @Test
    void aTargetsOwnPermissionsStayWhenTheMethodSetsNone() throws Exception {
        Path target = Files.createDirectories(work.resolve("conf")).resolve("tool.bin");
        Files.writeString(target, "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw----"));
        String writer = LauncherWriterApp.Writer.class.getName();
        RunningJvm.Result result = ChildJvm.on(Jdk.target(), work).named("plain").classPath(Artifacts.testClasses())
                .agentArgs("lock.dir=" + work.resolve("locks"))
                .lockRule("tool", writer + "#writePlain", "arg0", "publish", "arg0")
                .main(LauncherWriterApp.class.getName(), target, "plain").run(60);
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("returned tool.bin exists=true\npermissions rw-rw----", result.stdout().strip(),
                result.toString());
        assertEquals("plain bytes", Files.readString(target));
    }
}
