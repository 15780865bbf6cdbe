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
        Path target = existing("bin", "run.sh", "rw-r--r--");
        RunningJvm.Result result = publishing("writeLauncher", target);
        assertEquals("returned run.sh exists=true\npermissions rwxr--r--", result.stdout().strip(),
                result.toString());
        assertEquals("#!/bin/sh\necho tool\n", Files.readString(target));
    }

    /** A method that writes without touching permissions leaves the target's as they were, as before. */
    @Test
    void aTargetsOwnPermissionsStayWhenTheMethodSetsNone() throws Exception {
        Path target = existing("conf", "tool.bin", "rw-rw----");
        RunningJvm.Result result = publishing("writePlain", target, "plain");
        assertEquals("returned tool.bin exists=true\npermissions rw-rw----", result.stdout().strip(),
                result.toString());
        assertEquals("plain bytes", Files.readString(target));
    }

    /** An old file with the given permissions, for the method to write over. */
    private Path existing(String directory, String name, String permissions) throws Exception {
        Path target = Files.writeString(Files.createDirectories(work.resolve(directory)).resolve(name), "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(permissions));
        return target;
    }

    /** Runs LauncherWriterApp with {@code method} under a lock rule that publishes its argument; it must exit 0. */
    private RunningJvm.Result publishing(String method, Path target, Object... mode) throws Exception {
        Object[] arguments = new Object[mode.length + 1];
        arguments[0] = target;
        System.arraycopy(mode, 0, arguments, 1, mode.length);
        RunningJvm.Result result = ChildJvm.on(Jdk.target(), work).named(method).classPath(Artifacts.testClasses())
                .agentArgs("lock.dir=" + work.resolve("locks"))
                .lockRule(method, LauncherWriterApp.Writer.class.getName() + "#" + method, "arg0", "publish", "arg0")
                .main(LauncherWriterApp.class.getName(), arguments).run(60);
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }
}
