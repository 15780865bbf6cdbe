package dev.baton.core;

import java.lang.instrument.Instrumentation;

import dev.baton.config.BatonConfig;

/** What features get at start: the configuration and the JVM's instrumentation. Shared services hang off it. */
public final class BatonContext {
    private final BatonConfig config;
    private final Instrumentation instrumentation;
    private Locks locks;

    public BatonContext(BatonConfig config, Instrumentation instrumentation) {
        this.config = config;
        this.instrumentation = instrumentation;
    }

    public BatonConfig config() {
        return config;
    }

    /** The cross-process lock service, created on first use (features that need no lock never start it). */
    public synchronized Locks locks() throws java.io.IOException {
        if (locks == null) {
            locks = new dev.baton.lock.interim.InterimFileLocks(config.get(dev.baton.config.Keys.LOCK_DIR),
                    config.get(dev.baton.config.Keys.LOCK_TIMEOUT));
        }
        return locks;
    }

    /** Null when Baton runs outside an agent (tests of a feature's own logic). */
    public Instrumentation instrumentation() {
        return instrumentation;
    }
}
