package dev.baton.instrument;

/**
 * One interception as the installer applies it: a label (for logs and events: "download", "rule plugins"), the
 * method, and what to do instead of it. Built from the hook catalog's specs; the interceptor may be
 * {@linkplain LazyInterceptor built on first use}, so installing needs only the target.
 */
public record Hook(String label, MethodTarget target, Interceptor interceptor) {
    @Override
    public String toString() {
        return label + ": " + target;
    }
}
