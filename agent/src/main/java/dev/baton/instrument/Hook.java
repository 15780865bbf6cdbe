package dev.baton.instrument;

/**
 * One interception as the installer applies it: a label (for logs and events: "download", "rule plugins"), the
 * method, and what to do instead of it. Built from the hook catalog's specs; the interceptor may be
 * {@linkplain LazyInterceptor built on first use}, so installing needs only the target.
 *
 * @param matchesSubtypes also rewrite the overriding methods of subclasses and implementations of the target's class
 *        (rules and recipes; presets name the exact class)
 */
public record Hook(String label, MethodTarget target, Interceptor interceptor, boolean matchesSubtypes) {
    /** A hook on the exact class only. */
    public Hook(String label, MethodTarget target, Interceptor interceptor) {
        this(label, target, interceptor, false);
    }

    @Override
    public String toString() {
        return label + ": " + target;
    }
}
