package dev.baton.core;

import java.util.List;

/** Every feature Baton can start, in start order. A new feature adds itself here. */
final class FeatureCatalog {
    private FeatureCatalog() {
    }

    static List<Feature> all() {
        return List.of();
    }
}
