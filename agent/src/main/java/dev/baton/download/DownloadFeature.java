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
import dev.baton.instrument.ModuleAccess;

/**
 * Download coalescing: the JDK's and commons-io's "download to a file" idioms, when what they write comes from a
 * network resource, get a per-target cross-process lock, a double-check inside the lock (same source only) and an
 * atomic publish. Copies that are not downloads run untouched. See {@link DownloadCoordinator} for the protocol.
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

    @Override
    public List<MethodTarget> rewrites(BatonConfig config) {
        List<MethodTarget> targets = new ArrayList<>();
        targets.add(NetworkStreams.TARGET);
        targets.add(FilesCopyInterceptor.TARGET);
        targets.addAll(HttpClientInterceptor.TARGETS);
        targets.addAll(CommonsIoInterceptor.TARGETS);
        return targets;
    }

    @Override
    public List<MethodTarget> entryPoints(BatonConfig config) {
        return List.of(new MethodTarget("java.net.http.HttpClient", "send", null),
                new MethodTarget("java.net.http.HttpClient", "sendAsync", null),
                new MethodTarget("java.net.URL", "openStream", null),
                new MethodTarget("java.net.URLConnection", "getInputStream", null));
    }

    @Override
    public List<Hook> start(BatonContext context) throws java.io.IOException {
        BatonConfig config = context.config();
        DownloadCoordinator coordinator = new DownloadCoordinator(context.locks(), config.get(Keys.DOWNLOAD_ON_TIMEOUT),
                new DownloadRetry(config.get(Keys.DOWNLOAD_RETRY_ATTEMPTS), config.get(Keys.DOWNLOAD_RETRY_DEADLINE)),
                config.get(Keys.DOWNLOAD_TTL), config.get(Keys.DOWNLOAD_REUSE_WINDOW));
        List<Hook> hooks = new ArrayList<>();
        // A network stream wrapped in a BufferedInputStream is recognised through FilterInputStream.in.
        ModuleAccess.open(context.instrumentation(), "java.base", "java.io", NetworkStreams.class);
        hooks.add(new Hook(name(), NetworkStreams.TARGET, new NetworkStreams()));
        hooks.add(new Hook(name(), FilesCopyInterceptor.TARGET, new FilesCopyInterceptor(coordinator)));
        // The target of BodyHandlers.ofFile is a private field of a JDK-internal class.
        ModuleAccess.open(context.instrumentation(), "java.net.http", "jdk.internal.net.http",
                HttpClientInterceptor.class);
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
