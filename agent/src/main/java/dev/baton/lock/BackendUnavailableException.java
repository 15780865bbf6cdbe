package dev.baton.lock;

import java.io.IOException;

/**
 * Thrown by {@link KeyLock#acquire} when the backend stopped answering during the wait for longer than it tolerates
 * (a lock server that vanished). The lock was not taken; {@link LockService} then applies the caller's timeout
 * policy, as for a wait that ran out of time: the caller cannot have the lock, and only its policy says whether to
 * go on without it.
 */
public class BackendUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
