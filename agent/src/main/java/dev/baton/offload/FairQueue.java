package dev.baton.offload;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded queue with one lane per key (per connection, or per rule), served round-robin: a connection with a
 * thousand queued calls gets one turn, then the next connection with work gets one. Keys are compared by identity
 * (a connection's database object; a rule's lane name, one instance per rule).
 *
 * <p>It also counts the idle workers (spinning or waiting for work) so that {@link #put} can tell the pool when a
 * queued call would otherwise wait for a busy worker: the pool then starts one more. Idle counts go down only under
 * the lock, in {@link #take}, so a worker that gives up on an empty queue and a call that arrives at that moment
 * cannot miss each other.
 *
 * <p>When full, {@link #put} waits on a {@link Condition}: a virtual thread parks and frees its carrier (a monitor
 * wait would pin it on Java 21-23), which is the whole point of offloading.
 */
final class FairQueue<T> {
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final Map<Object, ArrayDeque<T>> lanes = new IdentityHashMap<>();
    /** Keys whose lane has work, in the order they get their next turn. */
    private final ArrayDeque<Object> turns = new ArrayDeque<>();
    /** Written under the lock; read without it by workers that spin before they block. */
    private volatile int size;
    /** Workers between {@link #markIdle} and the end of their next {@link #take}. */
    private volatile int idle;

    FairQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Adds an item to its key's lane, waiting while the queue is full. Interrupts are kept, not thrown. Returns true
     * when more items are queued than workers are idle: one more worker would serve this item at once.
     */
    boolean put(Object key, T item) {
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
            return size > idle;
        } finally {
            lock.unlock();
        }
    }

    /** A worker is about to look for work (spin, then take). */
    void markIdle() {
        lock.lock();
        try {
            idle++;
        } finally {
            lock.unlock();
        }
    }

    /** True when nothing is queued; a lock-free read, for spinning. */
    boolean isEmpty() {
        return size == 0;
    }

    /**
     * The next item of the lane whose turn it is, for a worker that called {@link #markIdle}; waits while the queue
     * is empty, at most {@code keepAliveNanos} (0: for ever). Null when the wait ran out with nothing queued: the
     * worker may stop, and no longer counts as idle.
     */
    T take(long keepAliveNanos) throws InterruptedException {
        lock.lock();
        try {
            long remaining = keepAliveNanos;
            while (size == 0) {
                if (keepAliveNanos == 0) {
                    notEmpty.await();
                } else if (remaining <= 0) {
                    idle--;
                    return null;
                } else {
                    remaining = notEmpty.awaitNanos(remaining);
                }
            }
            idle--;
            Object key = turns.pollFirst();
            ArrayDeque<T> lane = lanes.get(key);
            T item = lane.pollFirst();
            if (lane.isEmpty()) {
                // Empty lanes are dropped so that a JVM touching many connections does not keep them all.
                lanes.remove(key);
            } else {
                turns.addLast(key);
            }
            size--;
            notFull.signal();
            return item;
        } catch (InterruptedException e) {
            idle--;
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /** Marks the caller idle and waits for the next item for as long as it takes. */
    T take() throws InterruptedException {
        markIdle();
        return take(0);
    }

    int size() {
        return size;
    }
}
