package dev.baton.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void unavailableBackendIsAClearError() {
        BatonConfig config = BatonConfig.load("lock.backend=postgres,lock.dir=" + temp, Map.of(), Map.of());
        IOException e = assertThrows(IOException.class, () -> LockBackends.create(config));
        assertTrue(e.getMessage().contains("baton.lock.backend=postgres"), e.getMessage());
    }
}
