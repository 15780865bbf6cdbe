package dev.baton.lock;

import java.io.IOException;

/**
 * The wait for a lock ran out of time under {@link TimeoutPolicy#FAIL}. An IOException because the calls Baton
 * guards (downloads, installs) fail with IOException; a caller whose natural exception differs wraps it.
 */
public final class LockTimeoutException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient LockRecord holder;

    public LockTimeoutException(String message, LockRecord holder) {
        super(message);
        this.holder = holder;
    }

    /** The holder as last seen when the wait gave up; {@link LockRecord#UNKNOWN} when it could not be read. */
    public LockRecord holder() {
        return holder;
    }
}
