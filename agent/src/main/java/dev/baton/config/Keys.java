package dev.baton.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every configuration key Baton knows, with its default: the one place that defines them. README.md documents the
 * same table (a unit test keeps the two in step).
 *
 * <p>Keys under {@link #RULES_PREFIX} are user rules, named by the user; the rules feature validates them.
 */
public final class Keys {
    public static final String PREFIX = "baton.";
    public static final String RULES_PREFIX = "baton.rules.";
    /** {@code baton.recipes.NAME.enabled}: one shipped recipe on or off; the recipes feature validates them. */
    public static final String RECIPES_PREFIX = "baton.recipes.";

    private static final List<Key<?>> ALL = new ArrayList<>();

    // Baton as a whole.
    public static final Key<Boolean> ENABLED = define("baton.enabled", "core", ValueType.BOOLEAN, true,
            "false turns Baton off completely: nothing is instrumented");
    public static final Key<String> ON_ERROR = define("baton.onError", "core", ValueType.oneOf("warn", "fail"), "warn",
            "warn: a broken feature is disabled and the application runs; fail: exit with status 2 before main");
    public static final Key<String> LOG_LEVEL = define("baton.log.level", "core",
            ValueType.oneOf("off", "error", "warn", "info", "debug", "trace"), "info",
            "Baton's own log level (stderr, prefix [baton])");
    public static final Key<Path> CONFIG_FILE = define("baton.config", "core", ValueType.PATH, none(), "none",
            "properties file with more baton.* keys (lowest precedence before defaults)");

    // Cross-process locks.
    public static final Key<String> LOCK_BACKEND = define("baton.lock.backend", "lock",
            ValueType.oneOf("file", "postgres"), "file",
            "file: fcntl locks in baton.lock.dir (one machine); postgres: advisory locks (several machines)");
    public static final Key<Path> LOCK_BACKEND_JAR = define("baton.lock.backendJar", "lock", ValueType.PATH,
            none(), "baton-NAME.jar beside the agent jar",
            "jar of a backend not built into the agent jar (postgres: baton-postgres.jar of the same build)");
    public static final Key<Path> LOCK_DIR = define("baton.lock.dir", "lock", ValueType.PATH, new DefaultLockDir(),
            "$XDG_CACHE_HOME/baton/locks, else ~/.cache/baton/locks", "directory of the lock files (created 0700)");
    /** "core": a bad timeout falls back to the default, it does not switch off what locks (downloads, installs). */
    public static final Key<Duration> LOCK_TIMEOUT = define("baton.lock.timeout", "core", ValueType.DURATION_TYPE,
            Duration.ofMinutes(10), "longest wait for a lock before the purpose's timeout policy applies; 0 = forever");
    public static final Key<String> LOCK_POSTGRES_URL = define("baton.lock.postgres.url", "lock", ValueType.STRING,
            none(), "none", "JDBC URL of the PostgreSQL database used by baton.lock.backend=postgres");
    public static final Key<String> LOCK_POSTGRES_USER = define("baton.lock.postgres.user", "lock", ValueType.STRING,
            none(), "none", "PostgreSQL user");
    public static final Key<String> LOCK_POSTGRES_PASSWORD = define("baton.lock.postgres.password", "lock",
            ValueType.STRING, none(), "none", "PostgreSQL password (prefer the password file)");
    public static final Key<Path> LOCK_POSTGRES_PASSWORD_FILE = define("baton.lock.postgres.passwordFile", "lock",
            ValueType.PATH, none(), "none", "file whose first line is the PostgreSQL password");
    public static final Key<Duration> LOCK_POSTGRES_SERVER_TIMEOUT = define("baton.lock.postgres.serverTimeout",
            "lock", ValueType.durationAtLeast(Duration.ofSeconds(1)), Duration.ofSeconds(30),
            "a lock wait gives up when the database has not answered for this long (then the purpose's onTimeout"
                    + " policy applies); also the longest any other statement may take");

    // Downloads.
    public static final Key<Boolean> DOWNLOAD_ENABLED = define("baton.download.enabled", "download", ValueType.BOOLEAN,
            true, "coalesce downloads and publish them atomically");
    public static final Key<Duration> DOWNLOAD_TTL = define("baton.download.ttl", "download", ValueType.DURATION_TYPE,
            Duration.ZERO, "reuse a complete target that already existed if younger than this; 0 = never");
    public static final Key<Duration> DOWNLOAD_REUSE_WINDOW = define("baton.download.reuseWindow", "download",
            ValueType.DURATION_TYPE, Duration.ofSeconds(30), "a late arrival reuses a peer's publish of the same source"
            + " made after Baton started in this JVM and at most this long ago; 0 = never");
    public static final Key<Integer> DOWNLOAD_RETRY_ATTEMPTS = define("baton.download.retry.attempts", "download",
            ValueType.intRange(1, 100), 3, "attempts for a download Baton owns (URL, HttpRequest)");
    public static final Key<Duration> DOWNLOAD_RETRY_DEADLINE = define("baton.download.retry.deadline", "download",
            ValueType.DURATION_TYPE, Duration.ofSeconds(60), "no new attempt starts after this");
    public static final Key<String> DOWNLOAD_ON_TIMEOUT = define("baton.download.onTimeout", "download",
            ValueType.oneOf("proceed", "fail"), "proceed",
            "when the lock wait times out: proceed unlocked (publish stays atomic) or fail");

    // Installs.
    public static final Key<Boolean> INSTALL_ENABLED = define("baton.install.enabled", "install", ValueType.BOOLEAN,
            true, "serialise package-manager processes per directory");
    public static final Key<List<String>> INSTALL_COMMANDS = define("baton.install.commands", "install",
            ValueType.LIST, Collections.emptyList(), "more executables to treat as installers (besides npm, pnpm, yarn, pip)");
    public static final Key<String> INSTALL_ON_TIMEOUT = define("baton.install.onTimeout", "install",
            ValueType.oneOf("proceed", "fail"), "fail", "when the lock wait times out: proceed unlocked or fail");

    // SQLite.
    public static final Key<Boolean> SQLITE_ENABLED = define("baton.sqlite.enabled", "sqlite", ValueType.BOOLEAN,
            true, "immediate write transactions, safe busy retries and connection defaults for sqlite-jdbc");
    public static final Key<Duration> SQLITE_BUSY_TIMEOUT = define("baton.sqlite.busyTimeout", "sqlite",
            ValueType.DURATION_TYPE, Duration.ofSeconds(5), "busy_timeout given to connections that set none");
    public static final Key<String> SQLITE_JOURNAL_MODE = define("baton.sqlite.journalMode", "sqlite",
            ValueType.oneOf("keep", "wal"), "keep",
            "keep: the database's own journal mode; wal: WAL with synchronous=NORMAL unless the application chose");
    public static final Key<Duration> SQLITE_RETRY_DEADLINE = define("baton.sqlite.retry.deadline", "sqlite",
            ValueType.DURATION_TYPE, Duration.ofSeconds(30),
            "longest time Baton waits for and retries a busy statement (never longer than its busy timeout)");
    public static final Key<Boolean> SQLITE_QUEUE = define("baton.sqlite.queue", "sqlite", ValueType.BOOLEAN, true,
            "writers of all Baton processes queue for a database on a lock file beside it (DATABASE-baton-queue)");

    // Offloading blocking calls from virtual threads.
    // Recipes: fixes for known tools, shipped as data (dev/baton/recipes/*.properties), each one on by default.
    public static final Key<Boolean> RECIPES_ENABLED = define("baton.recipes.enabled", "recipes", ValueType.BOOLEAN,
            true, "false turns every recipe off; baton.recipes.NAME.enabled=false turns off one");

    public static final Key<Boolean> OFFLOAD_ENABLED = define("baton.offload.enabled", "offload", ValueType.BOOLEAN,
            true, "keep other virtual threads running while one blocks in a sqlite-jdbc call");
    public static final Key<String> OFFLOAD_MODE = define("baton.offload.mode", "offload",
            ValueType.oneOf("auto", "pool"), "auto",
            "auto: the call stays on its virtual thread and the scheduler gets a spare carrier while it blocks, where"
                    + " the JVM allows it, else pool; pool: calls run on Baton's platform threads");
    public static final Key<Integer> OFFLOAD_THREADS = define("baton.offload.threads", "offload",
            ValueType.intRange(1, 1024), 256,
            "most threads Baton adds: spare carriers for blocked calls, or pool threads (mode pool)");
    public static final Key<Integer> OFFLOAD_QUEUE = define("baton.offload.queue", "offload",
            ValueType.intRange(1, 1_000_000), 1024,
            "mode pool: queued calls before callers wait (backpressure)");

    private Keys() {
    }

    public static List<Key<?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    public static Key<?> byName(String name) {
        for (Key<?> key : ALL) {
            if (key.name().equals(name)) {
                return key;
            }
        }
        return null;
    }

    private static <T> Key<T> define(String name, String feature, ValueType<T> type, T defaultValue,
            String description) {
        return define(name, feature, type, new Fixed<>(defaultValue), type.format(defaultValue), description);
    }

    private static <T> Key<T> define(String name, String feature, ValueType<T> type, Supplier<T> defaultValue,
            String defaultText, String description) {
        Key<T> key = new Key<>(name, feature, type, defaultValue, defaultText, description);
        ALL.add(key);
        return key;
    }

    /*
     * Defaults are suppliers written as classes, not lambdas: every lambda costs start-up time in every JVM Baton
     * runs in (a class is spun for it on first use), and these run at premain.
     */

    @SuppressWarnings("unchecked")
    private static <T> Supplier<T> none() {
        return (Supplier<T>) Fixed.NONE;
    }

    /** A default known in advance. */
    private static final class Fixed<T> implements Supplier<T> {
        static final Fixed<Object> NONE = new Fixed<>(null);

        private final T value;

        Fixed(T value) {
            this.value = value;
        }

        @Override
        public T get() {
            return value;
        }
    }

    /** $XDG_CACHE_HOME/baton/locks, else ~/.cache/baton/locks, looked up when the default is needed. */
    private static final class DefaultLockDir implements Supplier<Path> {
        @Override
        public Path get() {
            String xdg = System.getenv("XDG_CACHE_HOME");
            Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                    : Path.of(System.getProperty("user.home"), ".cache");
            return cache.resolve("baton").resolve("locks");
        }
    }
}
