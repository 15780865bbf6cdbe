package dev.baton.instrument;

/**
 * What Baton does instead of an intercepted call: lock around it, retry it, run it on another thread... The
 * interceptor runs the original through {@link Call#proceed()}, any number of times, on any thread.
 *
 * <p>Fail-open contract, enforced by the dispatcher: if the interceptor throws before the original ran, the
 * original runs unchanged; if it throws after, the original's outcome is returned. Only a {@link Refusal} reaches
 * the application, carrying the exception the application should see (e.g. an IOException on a lock timeout), and
 * whatever the original itself threw passes through untouched.
 *
 * <p>An interceptor that ran the original on arguments of its own ({@link Call#proceedWith}, e.g. Baton's temp file
 * instead of the application's target) must end every failure after that as a {@link Refusal}: the original's
 * outcome there is not the application's, so falling back to it would report a success for work never done.
 */
public interface Interceptor {
    /**
     * Checked on every call before anything is allocated: false lets the original run untouched. Keep it to a few
     * field reads (e.g. "is this a virtual thread").
     */
    default boolean wants(Object self) {
        return true;
    }

    /** Returns what the call returns (boxed; ignored for void methods) or throws what it throws. */
    Object intercept(Call call) throws Throwable;
}
