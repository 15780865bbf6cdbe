package dev.baton.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.testsupport.Installed;

/**
 * Virtual threads waiting for locks another process holds must only park: if one blocked in the kernel itself, it
 * would hold its carrier thread. The waiters run in a child JVM with a single carrier that the scheduler may not
 * grow, so one blocked carrier would stall every other virtual thread (this JVM's scheduler would compensate and hide
 * the problem). The waiters' JVM is a Java 21 or later found on this machine (this JVM may be the build's 17); the
 * sources stay on Java 17, so virtual threads start through a method handle.
 */
class VirtualThreadLockTest {
    private static final List<String> ONE_CARRIER = List.of("-Djdk.virtualThreadScheduler.parallelism=1",
            "-Djdk.virtualThreadScheduler.maxPoolSize=1");

    @TempDir
    Path temp;

    @Test
    void virtualThreadsWaitingForAnotherProcessLeaveTheCarrierFree() throws Exception {
        Path jdk = Installed.jdkAtLeast(21).orElse(null);
        Assumptions.assumeTrue(jdk != null, "no JDK 21 or later found (JAVA25_HOME, JAVA_HOME, PATH, /usr/lib/jvm/*):"
                + " virtual-thread lock waits are not checked");
        int keys = 4;
        Path dir = temp.resolve("locks");
        try (ChildJvm holder = ChildJvm.start("hold-many", dir.toString(), LockChild.SCOPE, Integer.toString(keys));
                ChildJvm waiters = startWaitersAfter(holder, jdk, dir, keys)) {
            assertEquals("BEAT", waiters.awaitLine("").trim(), "another virtual thread ran while the waiters waited");
            holder.send("exit");
            assertEquals("ACQUIRED " + keys, waiters.awaitLine("ACQUIRED"));
        }
    }

    private static ChildJvm startWaitersAfter(ChildJvm holder, Path jdk, Path dir, int keys) throws Exception {
        holder.awaitLine("HELD");
        return ChildJvm.startOn(jdk, ONE_CARRIER, "virtual-waiters", dir.toString(), Integer.toString(keys));
    }

    /**
     * The child half: virtual threads wait for keys {@code key-0..} held by another process; once they are all
     * inside acquire, one more virtual thread must run. Prints {@code BEAT} or {@code STALLED}, then
     * {@code ACQUIRED n} when the holder has gone.
     */
    static void waitOnVirtualThreads(LockService locks, int keys) throws Throwable {
        MethodHandle startVirtualThread = MethodHandles.publicLookup().findStatic(Thread.class, "startVirtualThread",
                MethodType.methodType(Thread.class, Runnable.class));
        AtomicInteger acquired = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(keys);
        for (int i = 0; i < keys; i++) {
            String key = "key-" + i;
            startVirtualThread.invoke((Runnable) () -> {
                try (LockHandle lock = locks.acquire(LockChild.SCOPE, key, "virtual", TimeoutPolicy.FAIL)) {
                    acquired.incrementAndGet();
                } catch (Exception e) {
                    e.printStackTrace();
                } finally {
                    finished.countDown();
                }
            });
        }
        // A bounded wait for the waiters to be inside acquire. With a carrier pinned by a waiter it never ends
        // early (the other waiters cannot even start), and the heartbeat below reports STALLED.
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (locks.statistics().waiting() < keys && System.nanoTime() < giveUp) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        CompletableFuture<String> heartbeat = new CompletableFuture<>();
        startVirtualThread.invoke((Runnable) () -> heartbeat.complete("BEAT"));
        String beat;
        try {
            beat = heartbeat.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            beat = "STALLED";
        }
        System.out.println(beat);
        System.out.flush();
        finished.await(60, TimeUnit.SECONDS);
        System.out.println("ACQUIRED " + acquired.get());
        System.out.flush();
    }
}
