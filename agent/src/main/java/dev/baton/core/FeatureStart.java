package dev.baton.core;

import java.util.Set;

import dev.baton.instrument.Installer;

/**
 * A feature started once, when the first of its interceptors is built (or at once with baton.onError=fail): then
 * also the loaded classes whose rewrite waited for it are rewritten, before any of its interceptors runs. A failed
 * start is remembered: every interceptor of the feature then fails to build the same way, so each of its hooks
 * falls back to the original call with one report per site.
 */
final class FeatureStart {
    private final Feature feature;
    private final BatonContext context;
    private final Installer installer;
    private final Set<String> rewriteOnStart;
    private Feature.Interceptors interceptors;
    private Throwable failure;

    /** @param rewriteOnStart classes of the feature's hooks whose rewrite, if they were loaded already, waits */
    FeatureStart(Feature feature, BatonContext context, Installer installer, Set<String> rewriteOnStart) {
        this.feature = feature;
        this.context = context;
        this.installer = installer;
        this.rewriteOnStart = rewriteOnStart;
    }

    synchronized Feature.Interceptors interceptors() throws Exception {
        if (interceptors == null && failure == null) {
            try {
                interceptors = feature.start(context);
                installer.rewriteDeferred(rewriteOnStart);
            } catch (Exception | Error e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new IllegalStateException("feature " + feature.name() + " could not start", failure);
        }
        return interceptors;
    }
}
