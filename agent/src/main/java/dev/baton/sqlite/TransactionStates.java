package dev.baton.sqlite;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * Transaction state per driver DB object, held weakly so closed, unreachable connections leave nothing behind.
 * sqlite-jdbc's DB does not override equals/hashCode, so the weak map compares by identity.
 */
final class TransactionStates {
    private final Map<Object, TransactionState> states = new WeakHashMap<>();
    private final TransactionSites sites;

    TransactionStates(TransactionSites sites) {
        this.sites = sites;
    }

    synchronized TransactionState of(Object db) {
        TransactionState state = states.get(db);
        if (state == null) {
            state = new TransactionState(DriverAccess.databaseName(db), sites);
            states.put(db, state);
        }
        return state;
    }
}
