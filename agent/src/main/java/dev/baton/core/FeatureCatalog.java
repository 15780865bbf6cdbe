package dev.baton.core;

import java.util.List;

import dev.baton.offload.OffloadFeature;

/** Every feature Baton can start, in start order. A new feature adds itself here. */
final class FeatureCatalog {
    private FeatureCatalog() {
    }

    /**
     * Hooks of several features on one method chain in this order, the first outermost. Offload comes after sqlite:
     * the busy retry loop wraps the offload, so each attempt runs on the pool and backoff sleeps park the virtual
     * thread instead of holding a pool thread.
     */
    static List<Feature> all() {
        return List.of(new OffloadFeature());
    }
}
