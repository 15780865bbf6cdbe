package dev.baton.core;

import java.io.IOException;
import java.lang.instrument.Instrumentation;

import dev.baton.config.BatonConfig;
import dev.baton.config.Keys;
import dev.baton.instrument.ModuleAccess;
import dev.baton.lock.file.FileLockBackend;
import dev.baton.lock.LockBackends;
import dev.baton.lock.LockService;

/** What features get at start: the configuration and the JVM's instrumentation. Shared services hang off it. */
public final class BatonContext {
    private final BatonConfig config;
    private final Instrumentation instrumentation;
    private final long startMillis = System.currentTimeMillis();
    private LockService lockService;
    private final java.util.Map<Class<?>, Object> shared = new java.util.HashMap<>();
    /** Made when a feature first asks: a JVM whose features never start never loads the lock service. */
    private Locks locks;

    public BatonContext(BatonConfig config, Instrumentation instrumentation) {
        this.config = config;
        this.instrumentation = instrumentation;
    }

    public BatonConfig config() {
        return config;
    }

    /**
     * When Baton started in this JVM (wall clock, exact; the JVM's own start time is known only to the second). At
     * launch nothing of the application ran before it, so a file a peer wrote after it is one the application cannot
     * have seen before it started.
     */
    public long startMillis() {
        return startMillis;
    }

    /**
     * A service several features share (the offload pool serves the sqlite preset and user rules): created by the
     * first feature that asks, then the same instance for all.
     */
    public synchronized <T> T shared(Class<T> type, java.util.function.Supplier<T> create) {
        return type.cast(shared.computeIfAbsent(type, t -> create.get()));
    }

    /** What features use to lock: the lock service, started on the first acquisition. */
    public synchronized Locks locks() {
        if (locks == null) {
            locks = new ServiceLocks(new ServiceLocks.ServiceFactory() {
                @Override
                public LockService create() throws IOException {
                    return lockService();
                }
            }, "fail".equals(config.get(Keys.ON_ERROR)));
        }
        return locks;
    }

    /** Null when Baton runs outside an agent (tests of a feature's own logic). */
    public Instrumentation instrumentation() {
        return instrumentation;
    }

    /**
     * The JVM's one lock service, created on first use (so a run whose features take no lock creates no lock
     * directory): backend from baton.lock.backend, default timeout from baton.lock.timeout.
     */
    public synchronized LockService lockService() throws IOException {
        if (lockService == null) {
            // The file backend re-checks which file a lock channel has open (FileIdentity): JDK internals.
            ModuleAccess.open(instrumentation, "java.base", "sun.nio.ch", FileLockBackend.class);
            lockService = LockBackends.service(config);
            lockService.closeIdleKeysOnExit();
        }
        return lockService;
    }

    /**
     * For baton.onError=fail, before the application starts: fails unless the lock location can be used (the lock
     * directory can hold lock files; the PostgreSQL backend connects), as the chosen backend checks it.
     */
    public void checkLockLocation() throws IOException {
        LockBackends.checkUsable(config);
    }
}
