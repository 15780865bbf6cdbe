package dev.baton.instrument;

/**
 * One interception: a feature's name (for logs and events), the method, and what to do instead of it.
 * Features turn their presets and user rules into hooks; the {@link Installer} applies them.
 */
public record Hook(String feature, MethodTarget target, Interceptor interceptor) {
    public String label() {
        return feature + ": " + target;
    }
}
