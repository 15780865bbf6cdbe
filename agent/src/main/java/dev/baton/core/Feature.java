package dev.baton.core;

import java.util.List;

import dev.baton.config.BatonConfig;
import dev.baton.config.Problem;
import dev.baton.instrument.Hook;
import dev.baton.instrument.MethodTarget;

/**
 * One thing Baton does (downloads, installs, sqlite, offload, rules). A feature is started only when enabled and
 * its configuration is valid; it wires its bridge handler and returns the hooks that route calls to it.
 */
public interface Feature {
    /** Matches {@code Key.feature()} of the feature's keys: an invalid key disables the feature. */
    String name();

    /** Features that need another one (e.g. "lock") are not started when that one is broken. */
    default List<String> requires() {
        return List.of();
    }

    boolean enabled(BatonContext context);

    /**
     * Problems in configuration the feature reads itself (user rules): reported with the configuration's own
     * problems, before anything starts, so baton.onError applies to them alike.
     */
    default List<Problem> validate(BatonConfig config) {
        return List.of();
    }

    /** Methods whose code this feature rewrites with the given configuration; what the scan command reports. */
    default List<MethodTarget> rewrites(BatonConfig config) {
        return List.of();
    }

    /**
     * Public API methods that applications call to reach the rewritten ones (HttpClient.send reaches the JDK's
     * internal facade): the scan command reports call sites of these too.
     */
    default List<MethodTarget> entryPoints(BatonConfig config) {
        return List.of();
    }

    List<Hook> start(BatonContext context) throws Exception;
}
