package dev.baton.instrument;

/**
 * One interception as the installer applies it: a label (for logs and events: "download", "rule plugins"), the
 * method, and what to do instead of it. Built from the hook catalog's specs; the interceptor may be
 * {@linkplain LazyInterceptor built on first use}, so installing needs only the target.
 *
 * @param matchesSubtypes also rewrite the overriding methods of subclasses and implementations of the target's class
 *        (rules and recipes; presets name the exact class)
 * @param rewriteLoadedLater when the class is already loaded as Baton starts, leave it alone until
 *        {@link Installer#rewriteDeferred} is called (when the hook's feature starts); a class that loads later is
 *        rewritten as it loads either way
 */
public record Hook(String label, MethodTarget target, Interceptor interceptor, boolean matchesSubtypes,
        boolean rewriteLoadedLater) {
    /** A hook on the exact class only. */
    public Hook(String label, MethodTarget target, Interceptor interceptor) {
        this(label, target, interceptor, false, false);
    }

    /** A hook rewritten at once, on its class or, with {@code matchesSubtypes}, on its subtypes too. */
    public Hook(String label, MethodTarget target, Interceptor interceptor, boolean matchesSubtypes) {
        this(label, target, interceptor, matchesSubtypes, false);
    }

    @Override
    public String toString() {
        return label + ": " + target;
    }
}
