package dev.baton.instrument;

import dev.baton.bridge.Baton;
import dev.baton.bridge.ReentryGuard;

/**
 * An interceptor built when its method is first called, not when Baton starts: a JVM that never calls a hooked
 * method never loads what the hook would run. If building fails, Baton reports it once and the method runs as
 * without Baton from then on.
 */
public final class LazyInterceptor implements Interceptor {
    /** Builds the real interceptor. */
    @FunctionalInterface
    public interface Factory {
        Interceptor create() throws Exception;
    }

    private static final Interceptor NONE = new Interceptor() {
        @Override
        public boolean wants(Object self) {
            return false;
        }

        @Override
        public Object intercept(Call call) throws Throwable {
            return call.proceed();
        }
    };

    private final String site;
    private final Factory factory;
    private volatile Interceptor delegate;

    /** @param site names the hook in the one fallback line a failed build produces */
    public LazyInterceptor(String site, Factory factory) {
        this.site = site;
        this.factory = factory;
    }

    @Override
    public boolean wants(Object self) {
        return delegate().wants(self);
    }

    @Override
    public Object intercept(Call call) throws Throwable {
        return delegate().intercept(call);
    }

    private Interceptor delegate() {
        Interceptor current = delegate;
        if (current == null) {
            synchronized (this) {
                if (delegate == null) {
                    delegate = build();
                }
                current = delegate;
            }
        }
        return current;
    }

    /** Hooked methods the factory calls itself run unintercepted (Baton's own code), so building cannot recurse. */
    private Interceptor build() {
        ReentryGuard.enter();
        try {
            return factory.create();
        } catch (Throwable t) {
            Baton.fallback("start of " + site, t);
            return NONE;
        } finally {
            ReentryGuard.exit();
        }
    }
}
