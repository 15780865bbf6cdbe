package dev.baton.download;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.baton.config.BatonConfig;
import dev.baton.config.Keys;
import dev.baton.core.BatonContext;
import dev.baton.core.Feature;
import dev.baton.core.HookCatalog;
import dev.baton.core.HookSpec;
import dev.baton.instrument.MethodTarget;
import dev.baton.instrument.ModuleAccess;

/**
 * Download coalescing: the JDK's and commons-io's "download to a file" idioms, when what they write comes from a
 * network resource, get a per-target cross-process lock, a double-check inside the lock (same source only) and an
 * atomic publish. Copies that are not downloads run untouched. See {@link DownloadCoordinator} for the protocol.
 */
public final class DownloadFeature implements Feature {
    private static final String NETWORK_STREAM = "network-stream";
    private static final String FILES_COPY = "files-copy";
    private static final String HTTP_CLIENT = "http-client";
    private static final String COMMONS_IO = "commons-io";

    private static final String FACADE = "jdk.internal.net.http.HttpClientFacade";
    private static final String SEND = "(Ljava/net/http/HttpRequest;Ljava/net/http/HttpResponse$BodyHandler;)";
    private static final String FILE_UTILS = "org.apache.commons.io.FileUtils";

    @Override
    public String name() {
        return "download";
    }

    @Override
    public List<String> requires() {
        return List.of("lock");
    }

    @Override
    public boolean enabled(BatonConfig config) {
        return config.get(Keys.DOWNLOAD_ENABLED);
    }

    @Override
    public void declare(BatonConfig config, HookCatalog.Declarations hooks) {
        // Remembers which streams are network downloads (URL.openStream, URLConnection.getInputStream over http(s)).
        hooks.add(preset(NETWORK_STREAM, NetworkStreams.CONNECTION, "getInputStream", "()Ljava/io/InputStream;"));
        // A copy is coordinated only from a network stream, which only the hook above makes: Files, loaded in
        // every JVM before Baton starts, is rewritten when this feature starts, not at every JVM's start.
        hooks.add(HookSpec.preset(name(), FILES_COPY, "java.nio.file.Files", "copy",
                "(Ljava/io/InputStream;Ljava/nio/file/Path;[Ljava/nio/file/CopyOption;)J",
                HookSpec.REWRITE_LOADED, HookSpec.ON_FEATURE_START));
        // HttpClient.send reaches the JDK's internal facade; only BodyHandlers.ofFile answers are coordinated.
        hooks.add(preset(HTTP_CLIENT, FACADE, "send", SEND + "Ljava/net/http/HttpResponse;"));
        hooks.add(preset(HTTP_CLIENT, FACADE, "sendAsync", SEND + "Ljava/util/concurrent/CompletableFuture;"));
        hooks.add(preset(HTTP_CLIENT, FACADE, "sendAsync", "(Ljava/net/http/HttpRequest;"
                + "Ljava/net/http/HttpResponse$BodyHandler;Ljava/net/http/HttpResponse$PushPromiseHandler;)"
                + "Ljava/util/concurrent/CompletableFuture;"));
        hooks.add(preset(COMMONS_IO, FILE_UTILS, "copyURLToFile", "(Ljava/net/URL;Ljava/io/File;)V"));
        hooks.add(preset(COMMONS_IO, FILE_UTILS, "copyURLToFile", "(Ljava/net/URL;Ljava/io/File;II)V"));
        hooks.add(preset(COMMONS_IO, FILE_UTILS, "copyInputStreamToFile", "(Ljava/io/InputStream;Ljava/io/File;)V"));
        hooks.add(preset(COMMONS_IO, FILE_UTILS, "copyToFile", "(Ljava/io/InputStream;Ljava/io/File;)V"));
    }

    private HookSpec preset(String action, String className, String method, String descriptor) {
        return HookSpec.preset(name(), action, className, method, descriptor);
    }

    @Override
    public List<MethodTarget> entryPoints() {
        return List.of(new MethodTarget("java.net.http.HttpClient", "send", null),
                new MethodTarget("java.net.http.HttpClient", "sendAsync", null),
                new MethodTarget("java.net.URL", "openStream", null),
                new MethodTarget("java.net.URLConnection", "getInputStream", null));
    }

    @Override
    public Interceptors start(BatonContext context) {
        BatonConfig config = context.config();
        DownloadCoordinator coordinator = new DownloadCoordinator(context.locks(), config.get(Keys.DOWNLOAD_ON_TIMEOUT),
                new DownloadRetry(config.get(Keys.DOWNLOAD_RETRY_ATTEMPTS), config.get(Keys.DOWNLOAD_RETRY_DEADLINE)),
                config.get(Keys.DOWNLOAD_TTL), config.get(Keys.DOWNLOAD_REUSE_WINDOW), context.startMillis());
        FilesCopyInterceptor filesCopy = new FilesCopyInterceptor(coordinator);
        CommonsIoInterceptor commonsIo = new CommonsIoInterceptor(coordinator);
        // The target of BodyHandlers.ofFile is a private field of a JDK-internal class.
        ModuleAccess.open(context.instrumentation(), "java.net.http", "jdk.internal.net.http",
                HttpClientInterceptor.class);
        HttpClientInterceptor http = new HttpClientInterceptor(coordinator, asyncDownloadThreads());
        return spec -> {
            switch (spec.action()) {
                case NETWORK_STREAM:
                    // Built on the first http(s) stream. A network stream wrapped in a BufferedInputStream is
                    // recognised through FilterInputStream.in, which needs java.io opened to Baton first.
                    ModuleAccess.open(context.instrumentation(), "java.base", "java.io", NetworkStreams.class);
                    return new NetworkStreams();
                case FILES_COPY:
                    return filesCopy;
                case HTTP_CLIENT:
                    return http;
                case COMMONS_IO:
                    return commonsIo;
                default:
                    throw new IllegalArgumentException("no download action " + spec.action());
            }
        };
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
