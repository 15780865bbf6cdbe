package dev.baton.log;

import org.slf4j.Logger;

/**
 * Baton's logger, made directly rather than through SLF4J's {@code LoggerFactory}: the factory's start-up (looking
 * for providers, substitute loggers, version checks) costs every JVM Baton runs in a few milliseconds and some
 * thirty classes, although Baton's one provider is known. Code still logs through SLF4J's {@link Logger}.
 */
public final class BatonLog {
    private static final Logger LOGGER = new StderrLogger("baton");

    private BatonLog() {
    }

    /** The "baton" logger; lines go to stderr with the prefix [baton], filtered by {@link LogLevel}. */
    public static Logger get() {
        return LOGGER;
    }
}
