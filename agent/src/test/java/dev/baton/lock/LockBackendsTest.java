package dev.baton.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.ClassReferences;
import dev.baton.config.BatonConfig;
import dev.baton.core.BatonContext;

class LockBackendsTest {
    @TempDir
    Path temp;

    @Test
    void contextCreatesTheServiceOnFirstUseFromConfiguration() throws Exception {
        Path dir = temp.resolve("cache").resolve("baton").resolve("locks");
        BatonConfig config = BatonConfig.load("lock.dir=" + dir + ",lock.timeout=0", Map.of(), Map.of());
        BatonContext context = new BatonContext(config, null);
        assertTrue(Files.notExists(dir), "nothing is created before a feature asks for locks");
        try (LockService locks = context.lockService()) {
            assertEquals(locks, context.lockService());
            assertEquals("file", locks.backendName());
            assertTrue(Files.isDirectory(dir));
            try (LockHandle lock = locks.acquire("s", "k", "probe", TimeoutPolicy.FAIL)) {
                assertTrue(lock.locked());
            }
        }
    }

    @Test
    void backendsAreFoundByName() throws Exception {
        // On the test class path the PostgreSQL backend's service entry is there too (in the agent: its own jar).
        assertEquals(Set.of("file", "postgres"), Set.copyOf(LockBackends.names(LockBackends.class.getClassLoader())));
    }

    /** What keeps the agent jar whole without baton-postgres.jar: nothing else names that backend or its driver. */
    @Test
    void nothingOutsideThePostgresBackendNamesItOrItsDriver() throws Exception {
        List<String> offenders = new ArrayList<>();
        ClassReferences.ofPackage("dev/baton").forEach((file, types) -> {
            if (!file.startsWith("dev/baton/lock/postgres/")) {
                types.stream().filter(t -> t.startsWith("dev/baton/lock/postgres/") || t.startsWith("org/postgresql/"))
                        .forEach(t -> offenders.add(file + " -> " + t));
            }
        });
        assertEquals(List.of(), offenders);
    }

    @Test
    void aBackendJarIsLookedForBesideTheAgentJarUnderEitherName() {
        assertEquals(List.of(Path.of("/opt/baton/baton-postgres.jar"), Path.of("/opt/baton/baton-postgres-0.1.0.jar")),
                BackendJar.besideAgent("postgres", Path.of("/opt/baton/baton-agent-0.1.0.jar")));
        assertEquals(List.of(Path.of("/opt/baton/baton-postgres.jar")),
                BackendJar.besideAgent("postgres", Path.of("/opt/baton/baton-agent.jar")));
        assertEquals(List.of(), BackendJar.besideAgent("postgres", null), "on a class path there is no agent jar");
    }

    @Test
    void aMissingBackendJarIsAClearError() {
        Path configured = temp.resolve("baton-postgres.jar");
        IOException e = assertThrows(IOException.class,
                () -> BackendJar.locate("postgres", configured, LockBackends.class.getClassLoader()));
        assertTrue(e.getMessage().contains(configured.toString()) && e.getMessage().contains("baton.lock.backendJar"),
                e.getMessage());
    }

    @Test
    void unavailableBackendIsAClearError() {
        BatonConfig config = BatonConfig.load("lock.backend=postgres,lock.dir=" + temp, Map.of(), Map.of());
        IOException e = assertThrows(IOException.class, () -> LockBackends.create(config));
        assertTrue(e.getMessage().contains("baton.lock.backend=postgres"), e.getMessage());
    }
}
