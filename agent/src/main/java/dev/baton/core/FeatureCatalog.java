package dev.baton.core;

import java.util.List;

import dev.baton.sqlite.SqliteFeature;

/**
 * Every feature Baton can start, in start order. A new feature adds itself here. Hooks on one method chain in this
 * order: sqlite comes before offload so its retry loop is outermost and each attempt may be offloaded.
 */
final class FeatureCatalog {
    private FeatureCatalog() {
    }

    static List<Feature> all() {
        return List.of(new SqliteFeature());
    }
}
