package dev.baton.sqlite;

import java.util.concurrent.Semaphore;

/**
 * Baton's view of one SQLite connection's transaction (one per driver {@code org.sqlite.core.DB}). Guarded by the
 * DB object's monitor: sqlite-jdbc runs every DB method Baton hooks synchronized on it.
 */
final class TransactionState {
    /** The driver asked for a DEFERRED begin that Baton swallowed; BEGIN IMMEDIATE is due at the next statement. */
    boolean beginPending;
    /** Baton issued BEGIN IMMEDIATE (or the fallback BEGIN) and no COMMIT/ROLLBACK ended it yet. */
    boolean open;
    /**
     * The application itself ran BEGIN/SAVEPOINT as SQL text on an autocommit connection: its statements are
     * inside a transaction although JDBC says autocommit, so they are never retried.
     */
    boolean manualTransaction;
    /** This JVM's {@link WriteGate} permit for the database, held from BEGIN IMMEDIATE to the transaction's end. */
    Semaphore gatePermit;
    /** The database file, read once from the driver (for the gate and for events). */
    String database;

    /** The transaction is over (committed, rolled back, connection closed): let the next writer of this JVM in. */
    void ended() {
        open = false;
        WriteGate.leave(gatePermit);
        gatePermit = null;
    }

    boolean inTransaction() {
        return beginPending || open || manualTransaction;
    }
}
