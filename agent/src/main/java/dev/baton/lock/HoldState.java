package dev.baton.lock;

import dev.baton.jfr.LockHoldEvent;

/** What the outermost holder of a key needs until release: its generation and the open hold event. */
final class HoldState {
    final long generation;
    final String purpose;
    final LockHoldEvent event;

    HoldState(long generation, String purpose, LockHoldEvent event) {
        this.generation = generation;
        this.purpose = purpose;
        this.event = event;
    }
}
