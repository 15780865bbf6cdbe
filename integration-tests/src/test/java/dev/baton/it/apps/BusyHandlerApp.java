package dev.baton.it.apps;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.sqlite.BusyHandler;

/**
 * A virtual thread reads a database another process holds locked (BEGIN EXCLUSIVE, the test's), with a Java busy
 * handler registered after connecting that sleeps 5 ms per call. SQLite calls the handler from inside the native
 * call: a virtual thread waiting there pins its carrier. Meanwhile a heartbeat virtual thread ticks every 5 ms. With
 * one carrier ({@code -Djdk.virtualThreadScheduler.parallelism=1}), the heartbeat can only tick during the busy wait
 * if something gives it a carrier.
 *
 * <pre>
 *   BusyHandlerApp DB_FILE WAIT_SECONDS TICKS_WANTED
 * </pre>
 * Once the handler has been called, waits until the heartbeat ticked TICKS_WANTED times (at most WAIT_SECONDS),
 * prints {@code ticks_during_busy_wait=N} and {@code release} (the test then commits), and at the end the read's
 * result and the thread that ran the handler.
 */
public final class BusyHandlerApp {
    private BusyHandlerApp() {
    }

    public static void main(String[] args) throws Exception {
        String url = "jdbc:sqlite:" + Path.of(args[0]).toAbsolutePath();
        int waitSeconds = Integer.parseInt(args[1]);
        int ticksWanted = Integer.parseInt(args[2]);
        AtomicLong ticks = new AtomicLong();
        AtomicInteger handlerCalls = new AtomicInteger();
        CountDownLatch handlerCalled = new CountDownLatch(1);
        String[] handlerThread = new String[1];
        String[] read = new String[1];
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds + 120L);

        Thread heartbeat = VirtualThreads.unstarted("heartbeat", () -> {
            while (read[0] == null) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
                ticks.incrementAndGet();
            }
        });
        Thread reader = VirtualThreads.unstarted("vt-busy", () -> {
            try (Connection c = DriverManager.getConnection(url)) {
                BusyHandler.setHandler(c, new BusyHandler() {
                    @Override
                    protected int callback(int retries) {
                        handlerThread[0] = Thread.currentThread().getName();
                        handlerCalls.incrementAndGet();
                        handlerCalled.countDown();
                        try {
                            Thread.sleep(5);
                        } catch (InterruptedException e) {
                            return 0;
                        }
                        return System.nanoTime() < giveUp ? 1 : 0;
                    }
                });
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM item")) {
                    rs.next();
                    read[0] = "rows " + rs.getInt(1);
                }
            } catch (SQLException e) {
                read[0] = "failed " + e.getMessage();
            }
        });
        heartbeat.start();
        reader.start();

        if (!handlerCalled.await(60, TimeUnit.SECONDS)) {
            System.out.println("the busy handler was never called");
            System.exit(1);
        }
        long before = ticks.get();
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(waitSeconds);
        while (ticks.get() - before < ticksWanted && System.nanoTime() < waitUntil) {
            Thread.sleep(10);
        }
        System.out.println("ticks_during_busy_wait=" + (ticks.get() - before));
        System.out.println("release");
        System.out.flush();
        reader.join();
        heartbeat.join();
        System.out.println("read=" + read[0]);
        System.out.println("handler_thread=" + handlerThread[0]);
        System.out.println("handler_called=" + (handlerCalls.get() > 0));
    }
}
