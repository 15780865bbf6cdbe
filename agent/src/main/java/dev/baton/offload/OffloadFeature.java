package dev.baton.offload;

import dev.baton.config.BatonConfig;
import dev.baton.config.Keys;
import dev.baton.core.BatonContext;
import dev.baton.core.Feature;
import dev.baton.core.HookCatalog;

/**
 * Virtual-thread offloading of blocking sqlite-jdbc calls: a virtual thread inside a JNI call pins its carrier, so
 * a few slow queries stall every other virtual thread. Baton runs those calls on a small platform-thread pool while
 * the virtual thread parks.
 *
 * <p>Before Java 21 there are no virtual threads: the feature does not start and hooks nothing, so Java 17 pays
 * nothing for it (scan still lists its hooks).
 */
public final class OffloadFeature implements Feature {
    @Override
    public String name() {
        return SqliteOffloadTargets.FEATURE;
    }

    @Override
    public boolean enabled(BatonConfig config) {
        return config.get(Keys.OFFLOAD_ENABLED) && VirtualThreads.supported();
    }

    @Override
    public void declare(BatonConfig config, HookCatalog.Declarations hooks) {
        hooks.addAll(SqliteOffloadTargets.specs());
    }

    @Override
    public Interceptors start(BatonContext context) {
        OffloadPool pool = pool(context);
        SqliteCallbacks callbacks = new SqliteCallbacks();
        return spec -> SqliteOffloadTargets.interceptor(spec, pool, callbacks);
    }

    /** The JVM's one offload pool, shared with user rules (action=offload). */
    static OffloadPool pool(BatonContext context) {
        BatonConfig config = context.config();
        return context.shared(OffloadPool.class,
                () -> new OffloadPool(config.get(Keys.OFFLOAD_THREADS), config.get(Keys.OFFLOAD_QUEUE)));
    }
}
