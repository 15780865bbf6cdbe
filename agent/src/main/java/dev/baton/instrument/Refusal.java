package dev.baton.instrument;

/**
 * Thrown by an interceptor that deliberately makes the call fail (lock timeout with policy fail, install refused);
 * the dispatcher unwraps it and the application receives {@link #toThrow()}, typically the call's natural checked
 * exception. Any other exception from an interceptor is treated as a Baton bug and the call falls back.
 */
public final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private Refusal(Throwable toThrow) {
        super(toThrow.getMessage(), toThrow, false, false);
    }

    public static Refusal of(Throwable toThrow) {
        return new Refusal(toThrow);
    }

    public Throwable toThrow() {
        return getCause();
    }
}
