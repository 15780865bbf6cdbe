package dev.baton.download;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.baton.config.BatonConfig;
import dev.baton.config.Keys;
import dev.baton.core.BatonContext;
import dev.baton.core.Feature;
import dev.baton.instrument.Hook;
import dev.baton.instrument.MethodTarget;

/**
 * Download coalescing: the JDK's and commons-io's "download to a file" idioms get a per-target cross-process lock,
 * a double-check inside the lock and an atomic publish. See {@link DownloadCoordinator} for the protocol.
 */
public final class DownloadFeature implements Feature {
    @Override
    public String name() {
        return "download";
    }

    @Override
    public List<String> requires() {
        return List.of("lock");
    }

    @Override
    public boolean enabled(BatonContext context) {
        return context.config().get(Keys.DOWNLOAD_ENABLED);
    }

    /** Every method this feature rewrites (also what the scan command looks for). */
    public static List<MethodTarget> targets() {
        List<MethodTarget> targets = new ArrayList<>();
        targets.add(FilesCopyInterceptor.TARGET);
        targets.addAll(HttpClientInterceptor.TARGETS);
        targets.addAll(CommonsIoInterceptor.TARGETS);
        return targets;
    }

    @Override
    public List<Hook> start(BatonContext context) {
        BatonConfig config = context.config();
        DownloadCoordinator coordinator = new DownloadCoordinator(DownloadLocks.from(context),
                new DownloadRetry(config.get(Keys.DOWNLOAD_RETRY_ATTEMPTS), config.get(Keys.DOWNLOAD_RETRY_DEADLINE)),
                config.get(Keys.DOWNLOAD_TTL));
        List<Hook> hooks = new ArrayList<>();
        hooks.add(new Hook(name(), FilesCopyInterceptor.TARGET, new FilesCopyInterceptor(coordinator)));
        HttpClientInterceptor http = new HttpClientInterceptor(coordinator, asyncDownloadThreads());
        for (MethodTarget target : HttpClientInterceptor.TARGETS) {
            hooks.add(new Hook(name(), target, http));
        }
        CommonsIoInterceptor commonsIo = new CommonsIoInterceptor(coordinator);
        for (MethodTarget target : CommonsIoInterceptor.TARGETS) {
            hooks.add(new Hook(name(), target, commonsIo));
        }
        return hooks;
    }

    /** Daemon threads for sendAsync downloads: a lock wait must never block the client's or the common pool. */
    private static ExecutorService asyncDownloadThreads() {
        return Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "baton-download");
            thread.setDaemon(true);
            return thread;
        });
    }
}
