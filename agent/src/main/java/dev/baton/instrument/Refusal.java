package dev.baton.instrument;

/**
 * Thrown by an interceptor that deliberately makes the call fail (lock timeout with policy fail, install refused);
 * the dispatcher unwraps it and the application receives {@link #toThrow()}, typically the call's natural checked
 * exception. Any other exception from an interceptor is treated as a Baton bug and the call falls back.
 */
public final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean batonsOwn;

    private Refusal(Throwable toThrow, boolean batonsOwn) {
        super(toThrow.getMessage(), toThrow, false, false);
        this.batonsOwn = batonsOwn;
    }

    /** The call fails with {@code toThrow} as it is: the application's own exception, or one its call can throw. */
    public static Refusal of(Throwable toThrow) {
        return new Refusal(toThrow, false);
    }

    /**
     * The call fails with an exception Baton made (a lock that timed out under policy fail, or that could not be
     * taken under baton.onError=fail): delivered as it is when the method declares it or it is unchecked, else
     * wrapped in an unchecked one ({@link java.io.UncheckedIOException} for an IOException), so that a method that
     * declares no IOException never throws one at a caller that could not have expected it.
     */
    public static Refusal byBaton(Throwable toThrow) {
        return new Refusal(toThrow, true);
    }

    /** Whether Baton made the exception rather than the application's code (see {@link #byBaton}). */
    public boolean batonsOwn() {
        return batonsOwn;
    }

    public Throwable toThrow() {
        return getCause();
    }
}
