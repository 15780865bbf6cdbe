package dev.baton.instrument;

import dev.baton.bridge.Baton;
import dev.baton.bridge.Intercept;
import dev.baton.bridge.ReentryGuard;

/**
 * Routes prologue calls to interceptors and enforces the fail-open contract of {@link Interceptor}: a Baton failure
 * before the original ran lets the original run unchanged; after, the original's outcome stands.
 */
final class HookDispatcher implements Intercept.Dispatcher {
    private final HookRegistry registry;
    private final OriginalMethods resolver;

    HookDispatcher(HookRegistry registry, OriginalMethods resolver) {
        this.registry = registry;
        this.resolver = resolver;
    }

    @Override
    public boolean wants(int hook, Object self) {
        HookBinding binding = registry.get(hook);
        return binding != null && binding.hook.interceptor().wants(self);
    }

    @Override
    public Object invoke(int hook, Object self, Object[] arguments) throws Throwable {
        HookBinding binding = registry.get(hook);
        if (binding == null) {
            return Intercept.PROCEED;
        }
        ActiveCall call = new ActiveCall(binding, self, arguments, resolver);
        ReentryGuard.enter();
        try {
            Object result = binding.hook.interceptor().intercept(call);
            if (result == null && binding.returnsPrimitive) {
                throw new IllegalStateException("interceptor returned null for a primitive result");
            }
            return result;
        } catch (Refusal refusal) {
            Throwable thrown = refusal.batonsOwn() ? binding.asDeclared(refusal.toThrow()) : refusal.toThrow();
            BatonFrames.hide(thrown);
            throw thrown;
        } catch (Throwable t) {
            if (t == call.originalFailure) {
                BatonFrames.hide(t);
                throw t;
            }
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt(); // Baton's failure must not swallow the application's interrupt.
            }
            Baton.fallback(binding.site, t);
            if (!call.proceeded) {
                return Intercept.PROCEED;
            }
            if (call.originalFailure != null) {
                BatonFrames.hide(call.originalFailure);
                throw call.originalFailure;
            }
            return call.lastResult;
        } finally {
            ReentryGuard.exit();
        }
    }
}
