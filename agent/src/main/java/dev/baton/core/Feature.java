package dev.baton.core;

import java.util.List;

import dev.baton.instrument.Hook;

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

    List<Hook> start(BatonContext context) throws Exception;
}
