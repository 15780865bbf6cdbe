package dev.baton.sqlite;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * Transaction state per driver DB object, held weakly so closed, unreachable connections leave nothing behind.
 * sqlite-jdbc's DB does not override equals/hashCode, so the weak map compares by identity.
 */
final class TransactionStates {
    private final Map<Object, TransactionState> states = new WeakHashMap<>();

    synchronized TransactionState of(Object db) {
        return states.computeIfAbsent(db, d -> new TransactionState());
    }
}
