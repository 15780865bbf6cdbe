package dev.baton.lock;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

import dev.baton.config.BatonConfig;
import dev.baton.config.Keys;

/**
 * Opens the backend named by {@code baton.lock.backend}: the {@link LockBackendProvider} of that name among those
 * Baton's own loader lists (the agent jar's built-in ones; on a test class path, all of them), else among those of
 * the backend's optional jar ({@link BackendJar}: {@code baton-<name>.jar} beside the agent jar, or
 * {@code baton.lock.backendJar}). A new backend is a provider and a service entry; nothing here names one.
 */
public final class LockBackends {
    private LockBackends() {
    }

    public static LockBackend create(BatonConfig config) throws IOException {
        return provider(config).open(config);
    }

    /** For {@code config}: the configured backend exists and its settings could work (see the provider). */
    public static void checkSettings(BatonConfig config) throws IOException {
        provider(config).checkSettings(config);
    }

    /** For baton.onError=fail at startup: fails unless the configured backend can work (see the provider). */
    public static void checkUsable(BatonConfig config) throws IOException {
        provider(config).checkUsable(config);
    }

    private static LockBackendProvider provider(BatonConfig config) throws IOException {
        String name = config.get(Keys.LOCK_BACKEND);
        ClassLoader own = LockBackends.class.getClassLoader();
        Optional<LockBackendProvider> builtIn = find(name, own);
        if (builtIn.isPresent()) {
            return builtIn.get();
        }
        BackendJar jar = BackendJar.locate(name, config.get(Keys.LOCK_BACKEND_JAR), own);
        return find(name, jar.loader()).orElseThrow(() -> new IOException("baton.lock.backend=" + name + ": "
                + jar.path() + " holds no backend of that name"));
    }

    /** The service Baton's features share, configured by baton.lock.backend and baton.lock.timeout. */
    public static LockService service(BatonConfig config) throws IOException {
        return new LockService(create(config), config.get(Keys.LOCK_TIMEOUT));
    }

    /** The names of the backends {@code loader} lists, in service-file order. */
    static List<String> names(ClassLoader loader) throws IOException {
        List<String> names = new ArrayList<>();
        for (LockBackendProvider provider : providers(loader)) {
            names.add(provider.name());
        }
        return names;
    }

    private static Optional<LockBackendProvider> find(String name, ClassLoader loader) throws IOException {
        for (LockBackendProvider provider : providers(loader)) {
            if (provider.name().equals(name)) {
                return Optional.of(provider);
            }
        }
        return Optional.empty();
    }

    private static List<LockBackendProvider> providers(ClassLoader loader) throws IOException {
        List<LockBackendProvider> found = new ArrayList<>();
        try {
            for (LockBackendProvider provider : ServiceLoader.load(LockBackendProvider.class, loader)) {
                found.add(provider);
            }
        } catch (ServiceConfigurationError e) {
            // A service entry whose class is missing or broken: a damaged or mismatched jar.
            throw new IOException("a lock backend listed in Baton's jars cannot be loaded: " + e.getMessage(), e);
        }
        return found;
    }
}
