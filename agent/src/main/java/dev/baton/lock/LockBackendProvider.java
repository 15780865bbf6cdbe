package dev.baton.lock;

import java.io.IOException;

import dev.baton.config.BatonConfig;

/**
 * A lock backend by name, found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.baton.lock.LockBackendProvider}); {@code baton.lock.backend} names the one to use.
 * Built-in backends are listed by the agent jar; an optional backend ships in its own jar beside it (see
 * {@link LockBackends}) and lists itself there, so choosing another backend loads none of its classes.
 *
 * <p>A provider is instantiated to read its {@link #name()}, so it must be cheap to create and must not name its
 * backend's dependencies (a driver) in its own fields or signatures.
 */
public interface LockBackendProvider {
    /** The value of {@code baton.lock.backend} that selects this backend, e.g. {@code file}. */
    String name();

    /**
     * Opens the backend as configured; the caller owns it and gives it to exactly one {@link LockService}. Fails
     * with a message that names the key to fix when the configuration cannot work.
     */
    LockBackend open(BatonConfig config) throws IOException;

    /**
     * Checks the backend's settings alone, touching nothing (for {@code config}, which runs where the lock location
     * may not be reachable): fails, naming the key to fix, when no lock location could make them work.
     */
    default void checkSettings(BatonConfig config) throws IOException {
    }

    /**
     * For {@code baton.onError=fail}, before the application starts: fails, naming what to fix, unless the backend
     * can work as configured. By default opens it and closes it again.
     */
    default void checkUsable(BatonConfig config) throws IOException {
        open(config).close();
    }
}
