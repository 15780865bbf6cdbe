package dev.baton.offload;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded queue with one lane per key (per database file), served round-robin: a file with a thousand queued
 * calls gets one turn, then the next file with work gets one. One hot file therefore delays a cold one by at most one
 * call per pool thread, never by its whole backlog.
 *
 * <p>When full, {@link #put} waits on a {@link Condition}: a virtual thread parks and frees its carrier (a monitor
 * wait would pin it on Java 21-23), which is the whole point of offloading.
 */
final class FairQueue<T> {
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final Map<String, ArrayDeque<T>> lanes = new HashMap<>();
    /** Keys whose lane has work, in the order they get their next turn. */
    private final ArrayDeque<String> turns = new ArrayDeque<>();
    /** Written under the lock; read without it by workers that spin before they block. */
    private volatile int size;

    FairQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
    }

    /** Adds an item to its key's lane, waiting while the queue is full. Interrupts are kept, not thrown. */
    void put(String key, T item) {
        lock.lock();
        try {
            while (size >= capacity) {
                notFull.awaitUninterruptibly();
            }
            ArrayDeque<T> lane = lanes.get(key);
            if (lane == null) {
                lane = new ArrayDeque<>();
                lanes.put(key, lane);
                turns.addLast(key);
            }
            lane.addLast(item);
            size++;
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** True when nothing is queued; a lock-free read, for spinning. */
    boolean isEmpty() {
        return size == 0;
    }

    /** The next item of the lane whose turn it is; waits while the queue is empty. */
    T take() throws InterruptedException {
        lock.lock();
        try {
            while (size == 0) {
                notEmpty.await();
            }
            String key = turns.pollFirst();
            ArrayDeque<T> lane = lanes.get(key);
            T item = lane.pollFirst();
            if (lane.isEmpty()) {
                // Empty lanes are dropped so that a JVM touching many database files does not keep them all.
                lanes.remove(key);
            } else {
                turns.addLast(key);
            }
            size--;
            notFull.signal();
            return item;
        } finally {
            lock.unlock();
        }
    }

    int size() {
        return size;
    }
}
