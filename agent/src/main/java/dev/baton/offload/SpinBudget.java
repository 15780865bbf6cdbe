package dev.baton.offload;

/**
 * How long to spin before parking or blocking, learnt from recent waits. A spin pays off when the wait it replaces is
 * shorter than a park/unpark pair (tens of microseconds); otherwise it only burns a CPU that someone else could use.
 * So: after a wait that a full spin would have covered, spin fully next time; after a longer one, halve the spin.
 * A run of slow queries, or an oversubscribed machine where the other side is not even scheduled, soon spins no more;
 * a loop of point lookups keeps spinning. Racy on purpose: a lost update only makes one spin a little off.
 */
final class SpinBudget {
    private final long maxNanos;
    private volatile long nanos;

    SpinBudget(long maxNanos) {
        this.maxNanos = maxNanos;
        this.nanos = maxNanos;
    }

    long nanos() {
        return nanos;
    }

    void observe(long waitedNanos) {
        nanos = waitedNanos <= maxNanos ? maxNanos : nanos / 2;
    }
}
