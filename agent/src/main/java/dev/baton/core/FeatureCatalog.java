package dev.baton.core;

import java.util.List;

import dev.baton.download.DownloadFeature;
import dev.baton.install.InstallFeature;
import dev.baton.offload.OffloadFeature;
import dev.baton.rules.RulesFeature;
import dev.baton.sqlite.SqliteFeature;

/** Every feature Baton can start, in start order. A new feature adds itself here. */
public final class FeatureCatalog {
    private FeatureCatalog() {
    }

    /**
     * Hooks of several features on one method chain in this order, the first outermost. Offload comes after sqlite:
     * the busy retry loop wraps the offload, so each attempt runs on the pool and backoff sleeps park the virtual
     * thread instead of holding a pool thread.
     */
    public static List<Feature> all() {
        return List.of(new DownloadFeature(), new InstallFeature(), new SqliteFeature(), new OffloadFeature(),
                new RulesFeature());
    }
}
