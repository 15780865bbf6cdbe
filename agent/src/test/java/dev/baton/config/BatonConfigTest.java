package dev.baton.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatonConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsApplyWhenNothingIsSet() {
        BatonConfig config = BatonConfig.load(null, Map.of(), Map.of());
        assertEquals(Duration.ofMinutes(10), config.get(Keys.LOCK_TIMEOUT));
        assertEquals(Source.DEFAULT, config.sourceOf(Keys.LOCK_TIMEOUT));
        assertTrue(config.problems().isEmpty());
        assertTrue(config.warnings().isEmpty());
    }

    @Test
    void precedenceIsArgsThenPropertiesThenEnvironmentThenFileThenDefault() throws IOException {
        Path file = dir.resolve("baton.properties");
        Files.writeString(file, "baton.lock.timeout=4m\nbaton.download.ttl=4m\nsqlite.busyTimeout=4s\n"
                + "baton.offload.threads=4\n");
        Map<String, String> properties = Map.of("baton.config", file.toString(), "baton.lock.timeout", "2m",
                "baton.download.ttl", "2m");
        Map<String, String> env = Map.of("BATON_LOCK_TIMEOUT", "3m", "BATON_DOWNLOAD_TTL", "3m",
                "BATON_SQLITE_BUSY_TIMEOUT", "3s");
        BatonConfig config = BatonConfig.load("lock.timeout=1m", properties, env);

        assertEquals(Duration.ofMinutes(1), config.get(Keys.LOCK_TIMEOUT));
        assertEquals(Source.AGENT_ARGS, config.sourceOf(Keys.LOCK_TIMEOUT));
        assertEquals(Duration.ofMinutes(2), config.get(Keys.DOWNLOAD_TTL));
        assertEquals(Source.SYSTEM_PROPERTY, config.sourceOf(Keys.DOWNLOAD_TTL));
        assertEquals(Duration.ofSeconds(3), config.get(Keys.SQLITE_BUSY_TIMEOUT));
        assertEquals(Source.ENVIRONMENT, config.sourceOf(Keys.SQLITE_BUSY_TIMEOUT));
        assertEquals(4, config.get(Keys.OFFLOAD_THREADS));
        assertEquals(Source.FILE, config.sourceOf(Keys.OFFLOAD_THREADS));
    }

    @Test
    void typedValuesParse() {
        assertEquals(Duration.ofMillis(500), ValueType.DURATION_TYPE.parse("500ms"));
        assertEquals(Duration.ofSeconds(30), ValueType.DURATION_TYPE.parse("30s"));
        assertEquals(Duration.ofMinutes(5), ValueType.DURATION_TYPE.parse("5m"));
        assertEquals(Duration.ofMillis(250), ValueType.DURATION_TYPE.parse("250"));
        assertEquals(10L << 20, ValueType.SIZE_TYPE.parse("10MB"));
        assertEquals(64L << 10, ValueType.SIZE_TYPE.parse("64k"));
        assertEquals(Boolean.FALSE, ValueType.BOOLEAN.parse("off"));
        assertEquals(List.of("uv", "poetry"), ValueType.LIST.parse("uv, poetry"));
    }

    @Test
    void invalidValueNamesKeyValueAndAcceptedValuesAndFallsBackToDefault() {
        BatonConfig config = BatonConfig.load("lock.timeout=5q,sqlite.journalMode=delete", Map.of(), Map.of());
        assertEquals(2, config.problems().size());
        Problem timeout = config.problems().get(0);
        assertEquals("baton.lock.timeout", timeout.key());
        assertEquals("core", timeout.feature(), "a bad timeout falls back to the default, switching nothing off");
        assertTrue(timeout.message().contains("baton.lock.timeout=5q"), timeout.message());
        assertTrue(timeout.message().contains("a duration such as"), timeout.message());
        assertTrue(config.problems().get(1).message().contains("one of keep, wal"));
        assertEquals(Duration.ofMinutes(10), config.get(Keys.LOCK_TIMEOUT));
        assertFalse(config.isBroken("lock"));
        assertTrue(config.isBroken("sqlite"));
        assertFalse(config.isBroken("download"));
    }

    @Test
    void unknownKeysWarnWithTheClosestKnownKey() {
        BatonConfig config = BatonConfig.load("lok.dir=/x", Map.of("baton.sqlite.busytimeout", "1s"),
                Map.of("BATON_LOCK_TIMEOT", "1s"));
        assertEquals(3, config.warnings().size(), config.warnings().toString());
        assertTrue(config.warnings().contains(
                "unknown configuration key baton.lok.dir (ignored); did you mean baton.lock.dir?"));
        assertTrue(config.warnings().stream().anyMatch(w -> w.contains("did you mean baton.sqlite.busyTimeout?")));
        assertTrue(config.warnings().stream().anyMatch(w -> w.contains("did you mean BATON_LOCK_TIMEOUT?")));
        assertTrue(config.problems().isEmpty());
    }

    @Test
    void rulesAreKeptForTheRulesFeatureNotWarnedAbout() {
        BatonConfig config = BatonConfig.load("rules.repo.method=com.acme.Repo#install(java.lang.String,int),"
                + "rules.repo.action=lock", Map.of(), Map.of());
        assertTrue(config.warnings().isEmpty(), config.warnings().toString());
        assertEquals("com.acme.Repo#install(java.lang.String,int)",
                config.settingsWithPrefix("baton.rules.repo.").get("baton.rules.repo.method").value());
    }

    @Test
    void unreadableConfigFileIsAProblem() {
        BatonConfig config = BatonConfig.load("config=" + dir.resolve("missing.properties"), Map.of(), Map.of());
        assertEquals("baton.config", config.problems().get(0).key());
    }

    @Test
    void environmentNamesSplitCamelCase() {
        assertEquals("BATON_ON_ERROR", Keys.ON_ERROR.environmentName());
        assertEquals("BATON_LOCK_POSTGRES_PASSWORD_FILE", Keys.LOCK_POSTGRES_PASSWORD_FILE.environmentName());
    }

    @Test
    void everyKeyIsDocumentedInTheReadme() throws IOException {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme);
        for (Key<?> key : Keys.all()) {
            assertTrue(text.contains("`" + key.name() + "`"), key.name() + " is not documented in README.md");
        }
    }
}
