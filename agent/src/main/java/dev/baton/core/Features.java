package dev.baton.core;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds Baton's features: {@code META-INF/services/dev.baton.core.Feature} in the agent (under {@code inst/}, read
 * by the hidden loader). The file's order is the start order and the order of hooks that share a method (first
 * outermost). A new feature adds one line there; nothing in {@code core} changes.
 */
public final class Features {
    private Features() {
    }

    public static List<Feature> all() {
        List<Feature> features = new ArrayList<>();
        for (Feature feature : ServiceLoader.load(Feature.class, Feature.class.getClassLoader())) {
            features.add(feature);
        }
        return features;
    }
}
