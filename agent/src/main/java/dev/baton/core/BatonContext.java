package dev.baton.core;

import java.lang.instrument.Instrumentation;

import dev.baton.config.BatonConfig;

/** What features get at start: the configuration and the JVM's instrumentation. Shared services hang off it. */
public final class BatonContext {
    private final BatonConfig config;
    private final Instrumentation instrumentation;

    public BatonContext(BatonConfig config, Instrumentation instrumentation) {
        this.config = config;
        this.instrumentation = instrumentation;
    }

    public BatonConfig config() {
        return config;
    }

    /** Null when Baton runs outside an agent (tests of a feature's own logic). */
    public Instrumentation instrumentation() {
        return instrumentation;
    }
}
