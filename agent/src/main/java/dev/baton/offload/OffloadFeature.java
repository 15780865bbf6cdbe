package dev.baton.offload;

import java.util.List;

import dev.baton.config.BatonConfig;
import dev.baton.config.Keys;
import dev.baton.core.BatonContext;
import dev.baton.core.Feature;
import dev.baton.instrument.Hook;

/**
 * Virtual-thread offloading of blocking sqlite-jdbc calls: a virtual thread inside a JNI call pins its carrier, so
 * a few slow queries stall every other virtual thread. Baton runs those calls on a small platform-thread pool while
 * the virtual thread parks.
 *
 * <p>Before Java 21 there are no virtual threads: the feature does not start and hooks nothing, so Java 17 pays
 * nothing for it.
 */
public final class OffloadFeature implements Feature {
    @Override
    public String name() {
        return SqliteOffloadTargets.FEATURE;
    }

    @Override
    public boolean enabled(BatonContext context) {
        return context.config().get(Keys.OFFLOAD_ENABLED) && VirtualThreads.supported();
    }

    @Override
    public List<Hook> start(BatonContext context) {
        return SqliteOffloadTargets.hooks(pool(context), new SqliteCallbacks());
    }

    /** The JVM's one offload pool, shared with user rules (action=offload). */
    static OffloadPool pool(BatonContext context) {
        BatonConfig config = context.config();
        return context.shared(OffloadPool.class,
                () -> new OffloadPool(config.get(Keys.OFFLOAD_THREADS), config.get(Keys.OFFLOAD_QUEUE)));
    }
}
