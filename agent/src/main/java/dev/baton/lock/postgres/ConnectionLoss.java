package dev.baton.lock.postgres;

import org.slf4j.Logger;

import dev.baton.jfr.FallbackEvent;
import dev.baton.lock.LockId;
import dev.baton.log.BatonLog;

/**
 * Reports a held lock whose session went away: the server has then released the advisory lock, so another process
 * may be doing the same work right now. Nothing can be undone, but the operator must learn it: one warn line per
 * lost hold, and a {@code baton.Fallback} event with site {@value #SITE} (a Fallback because Baton's guarantee fell
 * back to "unlocked" for the rest of that hold; no new event type needed).
 */
final class ConnectionLoss {
    static final String SITE = "lock postgres connection lost";
    private static final Logger LOG = BatonLog.get();

    private ConnectionLoss() {
    }

    static void report(LockId id, String location, long generation, Throwable cause) {
        LOG.warn("lost the PostgreSQL session holding the lock of {} (generation {}, {}): the server released the"
                + " lock, so the rest of this hold is not exclusive; the next holder will redo the work", id,
                generation, location, cause);
        FallbackEvent event = new FallbackEvent();
        if (event.shouldCommit()) {
            event.site = SITE;
            event.exception = cause.getClass().getName();
            event.message = id + ": " + cause.getMessage();
            event.commit();
        }
    }
}
