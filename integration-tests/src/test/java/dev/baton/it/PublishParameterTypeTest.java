package dev.baton.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.apps.FileSubclassApp;
import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.RunningJvm;

/**
 * {@code publish=argN} hands the method a temp file of the argument's kind (File, Path, String). A parameter declared
 * with a type that kind does not fit (a subclass of File) cannot take it: the method must then run as is, under the
 * lock, never fail because of Baton. On main the call failed with reflection's "argument type mismatch".
 */
class PublishParameterTypeTest {
    @TempDir
    Path work;

    @Test
    void aParameterTheTempCannotBePassedAsRunsTheMethodAsIs() throws Exception {
        Path target = Files.createDirectories(work.resolve("out")).resolve("tool.bin");
        String writer = FileSubclassApp.Writer.class.getName();
        RunningJvm.Result result = ChildJvm.on(Jdk.target(), work).named("subclass").classPath(Artifacts.testClasses())
                .agentArgs("lock.dir=" + work.resolve("locks"))
                .lockRule("tool", writer + "#write", "arg0", "publish", "arg0")
                .main(FileSubclassApp.class.getName(), target).run(60);
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals("wrote 10 bytes", result.stdout().strip(), result.toString());
        assertEquals("tool bytes", Files.readString(target));
    }
}
