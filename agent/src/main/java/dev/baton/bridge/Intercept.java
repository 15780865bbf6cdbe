package dev.baton.bridge;

/**
 * The two calls every injected prologue makes. A rewritten method starts with
 *
 * <pre>
 *   if (Intercept.wants(HOOK, this)) {
 *       Object r = Intercept.invoke(HOOK, this, new Object[] {args...});
 *       if (r != Intercept.PROCEED) return (T) r;      // or throw what invoke threw
 *   }
 *   ...original body, unchanged...
 * </pre>
 *
 * HOOK is a number Baton gave this method of this class in this class loader. The runtime's dispatcher decides what
 * happens; this class only keeps the prologue fail-open when Baton is absent, off or broken.
 */
public final class Intercept {
    /** Returned by {@link #invoke} when the original body should run as if Baton were not there. */
    public static final Object PROCEED = new Object();

    /** Implemented by Baton's runtime. */
    public interface Dispatcher {
        boolean wants(int hook, Object self);

        Object invoke(int hook, Object self, Object[] arguments) throws Throwable;
    }

    private static volatile Dispatcher dispatcher;

    private Intercept() {
    }

    public static void installDispatcher(Dispatcher installed) {
        dispatcher = installed;
    }

    public static boolean wants(int hook, Object self) {
        Dispatcher d = dispatcher;
        if (d == null || ReentryGuard.mustNotIntercept(hook)) {
            return false;
        }
        try {
            return d.wants(hook, self);
        } catch (Throwable t) {
            Baton.fallback("hook " + hook, t);
            return false;
        }
    }

    /** Returns the call's result, {@link #PROCEED}, or throws the exception the application should see. */
    public static Object invoke(int hook, Object self, Object[] arguments) throws Throwable {
        Dispatcher d = dispatcher;
        return d == null ? PROCEED : d.invoke(hook, self, arguments);
    }
}
