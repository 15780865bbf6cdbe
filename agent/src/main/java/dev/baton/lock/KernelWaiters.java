package dev.baton.lock;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Platform threads that block in the backend's acquire, one per key being waited for at a time (no queue: a
 * contended key always gets its own thread). Idle threads are kept a while so a busy key does not pay a thread
 * start per handoff. Daemon, so a wait never keeps the JVM alive. Nobody ever interrupts them: shutdownNow is never
 * called, because an interrupted FileChannel.lock() closes the channel shared by every thread.
 */
final class KernelWaiters {
    private KernelWaiters() {
    }

    static ThreadPoolExecutor create() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "baton-lock-waiter-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
    }
}
