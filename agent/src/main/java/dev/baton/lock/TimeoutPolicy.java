package dev.baton.lock;

import java.util.Locale;

/** What {@link LockService#acquire} does when the wait for a lock runs out of time. A lock is never stolen. */
public enum TimeoutPolicy {
    /**
     * Return a handle that is not locked; the caller runs unlocked. Right where the work publishes atomically, so two
     * concurrent runs waste effort but corrupt nothing.
     */
    PROCEED,
    /** Throw {@link LockTimeoutException}, naming the key and the holder. */
    FAIL;

    /** Parses the configuration words {@code proceed} and {@code fail}. */
    public static TimeoutPolicy parse(String word) {
        return valueOf(word.trim().toUpperCase(Locale.ROOT));
    }
}
