package dev.baton.offload;

import dev.baton.config.BatonConfig;
import dev.baton.config.Keys;
import dev.baton.core.BatonContext;
import dev.baton.core.Feature;
import dev.baton.core.HookCatalog;

/**
 * Virtual threads and blocking sqlite-jdbc calls: a virtual thread inside a JNI call pins its carrier, so a few
 * slow queries stall every other virtual thread. Baton keeps the other virtual threads running: by default the call
 * stays where it is and the scheduler gets a spare carrier while it blocks ({@link ManagedBlocking}); where that is
 * not available, the call runs on a platform-thread pool while the virtual thread parks ({@link OffloadPool}).
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
        Offloader offloader = offloader(context);
        SqliteCallbacks callbacks = new SqliteCallbacks();
        return spec -> SqliteOffloadTargets.interceptor(spec, offloader, callbacks);
    }

    /** The JVM's one offloader, shared with user rules (action=offload), chosen on the first call. */
    static Offloader offloader(BatonContext context) {
        BatonConfig config = context.config();
        return context.shared(Offloader.class, () -> new OffloaderChoice(() -> {
            int threads = config.get(Keys.OFFLOAD_THREADS);
            if (config.get(Keys.OFFLOAD_MODE).equals("auto")) {
                VirtualThreadScheduler scheduler = VirtualThreadScheduler.find(context.instrumentation());
                if (scheduler != null) {
                    return new ManagedBlocking(scheduler, threads);
                }
            }
            return new OffloadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), threads,
                    config.get(Keys.OFFLOAD_QUEUE));
        }));
    }
}
