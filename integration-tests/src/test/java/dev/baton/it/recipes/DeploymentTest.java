package dev.baton.it.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildProcess;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.RunningJvm;

/**
 * Baton in every JVM through JAVA_TOOL_OPTIONS, as README's deployment section says, and the two ways to leave one JVM
 * (or one process tree) out.
 */
class DeploymentTest {
    @TempDir
    Path work;

    private Jdk jdk;

    @BeforeEach
    void jdk() {
        jdk = Jdk.target();
    }

    private RunningJvm.Result hello(String variable, String value, String... options) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(jdk.java().toString()));
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", Artifacts.testClasses(), "dev.baton.it.apps.HelloApp"));
        ChildProcess process = ChildProcess.of(work, command.toArray(String[]::new))
                .env("JAVA_TOOL_OPTIONS", "-javaagent:" + Artifacts.agentJar()
                        + " -Dbaton.lock.dir=" + work.resolve("locks"));
        if (variable != null) {
            process.env(variable, value);
        }
        RunningJvm.Result result = process.start(work.resolve("out")).awaitExit(60);
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }

    @Test
    void javaToolOptionsPutsBatonWithItsRecipesIntoAJvm() throws Exception {
        RunningJvm.Result result = hello(null, null);
        assertEquals(1, result.batonLines().size(), result.toString());
        assertTrue(result.batonLines().get(0).contains("recipes"), result.toString());
    }

    @Test
    void aCommandLinePropertyExcludesOneJvm() throws Exception {
        assertEquals(List.of(), hello(null, null, "-Dbaton.enabled=false").batonLines());
    }

    @Test
    void anEnvironmentVariableExcludesAProcessTree() throws Exception {
        assertEquals(List.of(), hello("BATON_ENABLED", "false").batonLines());
    }

    @Test
    void oneRecipeOffInOneJvm() throws Exception {
        RunningJvm.Result result = hello(null, null, "-Dbaton.recipes.maven-wrapper.enabled=false");
        assertEquals(1, result.batonLines().size(), result.toString());
        RunningJvm.Result all = hello(null, null);
        // The start-up line counts the classes rewritten when loaded: the wrapper recipe names one of them.
        assertEquals(all.classesRewrittenWhenLoaded() - 1, result.classesRewrittenWhenLoaded(),
                result + "\n" + all);
    }
}
