package dev.baton.core;

import java.util.List;

import dev.baton.download.DownloadFeature;
import dev.baton.install.InstallFeature;
import dev.baton.rules.RulesFeature;

/** Every feature Baton can start, in start order. A new feature adds itself here. */
public final class FeatureCatalog {
    private FeatureCatalog() {
    }

    public static List<Feature> all() {
        // Rules are listed for validation and scanning; without the lock service they do not start yet.
        return List.of(new DownloadFeature(), new InstallFeature(), new RulesFeature());
    }
}
