package dev.baton.sqlite;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Transaction state per driver DB object, held weakly so closed, unreachable connections leave nothing behind.
 * sqlite-jdbc's DB does not override equals/hashCode, so the weak map compares by identity.
 *
 * <p>Every hooked statement looks its connection up, on every thread, so the map's lock would be a point where all
 * the application's threads meet; each thread first checks the connection it used last (threads mostly keep
 * theirs), which needs no lock.
 */
final class TransactionStates {
    private final Map<Object, TransactionState> states = new WeakHashMap<>();
    private final TransactionSites sites;
    private final ThreadLocal<LastUsed> lastUsed = new ThreadLocal<>();

    TransactionStates(TransactionSites sites) {
        this.sites = sites;
    }

    TransactionState of(Object db) {
        LastUsed last = lastUsed.get();
        if (last != null && last.db.get() == db) {
            return last.state;
        }
        TransactionState state;
        synchronized (this) {
            state = states.get(db);
            if (state == null) {
                state = new TransactionState(DriverAccess.databaseName(db), sites);
                states.put(db, state);
            }
        }
        lastUsed.set(new LastUsed(db, state));
        return state;
    }

    /** A thread's last connection, held weakly like the map's keys. */
    private static final class LastUsed {
        final WeakReference<Object> db;
        final TransactionState state;

        LastUsed(Object db, TransactionState state) {
            this.db = new WeakReference<>(db);
            this.state = state;
        }
    }
}
