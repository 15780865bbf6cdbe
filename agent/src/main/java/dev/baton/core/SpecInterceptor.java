package dev.baton.core;

import dev.baton.instrument.Interceptor;
import dev.baton.instrument.LazyInterceptor;

/** Builds the interceptor of one spec: starts its feature if nobody did yet, then asks the feature. */
final class SpecInterceptor implements LazyInterceptor.Factory {
    private final FeatureStart start;
    private final HookSpec spec;

    SpecInterceptor(FeatureStart start, HookSpec spec) {
        this.start = start;
        this.spec = spec;
    }

    @Override
    public Interceptor create() throws Exception {
        return start.interceptors().forSpec(spec);
    }
}
