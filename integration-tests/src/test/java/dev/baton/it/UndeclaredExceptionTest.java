package dev.baton.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.apps.UndeclaredApp;
import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.RunningJvm;

/**
 * A rule's lock that times out under policy fail fails the call with an IOException; a method that declares none
 * must not throw a checked exception its callers cannot expect (it escaped their catch of RuntimeException on main):
 * it gets an UncheckedIOException, and a method that declares IOException the IOException itself.
 */
class UndeclaredExceptionTest {
    @TempDir
    Path work;

    @Test
    void aLockTimeoutReachesTheCallerAsAnExceptionItsMethodCanThrow() throws Exception {
        String repo = UndeclaredApp.Repo.class.getName();
        RunningJvm.Result result = ChildJvm.on(Jdk.target(), work).named("undeclared")
                .classPath(Artifacts.testClasses()).agentArgs("lock.dir=" + work.resolve("locks"))
                .lockRule("install", repo + "#install", "arg0", "timeout", "1s")
                .lockRule("fetch", repo + "#fetch", "arg0", "timeout", "1s")
                .main(UndeclaredApp.class.getName(), work.resolve("go")).run(120);
        assertEquals(0, result.exitCode(), result.toString());
        assertEquals(List.of("install: java.io.UncheckedIOException", "fetch: java.io.IOException"),
                result.stdout().lines().toList(), result.toString());
    }
}
