package dev.baton.offload;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import dev.baton.instrument.Call;

/**
 * The JVM's {@link Offloader}, chosen on the first call of a virtual thread rather than at start-up: finding the
 * virtual-thread scheduler initialises {@code java.lang.VirtualThread} and its scheduler, which an application that
 * never starts a virtual thread (or never touches SQLite from one) should not pay for at start-up.
 */
final class OffloaderChoice implements Offloader {
    private final Supplier<Offloader> choose;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Offloader chosen;

    OffloaderChoice(Supplier<Offloader> choose) {
        this.choose = choose;
    }

    @Override
    public Object run(Call call, Object lane, String operation) throws Throwable {
        return chosen().run(call, lane, operation);
    }

    @Override
    public boolean handsOff() {
        return chosen().handsOff();
    }

    private Offloader chosen() {
        Offloader offloader = chosen;
        if (offloader == null) {
            // A j.u.c. lock, not a monitor: the caller is a virtual thread and must not pin its carrier on Java 21.
            lock.lock();
            try {
                if (chosen == null) {
                    chosen = choose.get();
                }
                offloader = chosen;
            } finally {
                lock.unlock();
            }
        }
        return offloader;
    }
}
