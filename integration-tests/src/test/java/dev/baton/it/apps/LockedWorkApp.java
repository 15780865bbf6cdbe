package dev.baton.it.apps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import jdk.jfr.consumer.RecordingStream;

/**
 * An application method for user rules to lock ({@link Workshop#build(String)}), knowing nothing of Baton. Every run
 * of the method appends a line to LOG, so a test sees whether it ran; given a HOLD file, it prints
 * {@code HOLDING KEY} and keeps running until that file exists (the test decides when the lock is let go).
 *
 * <pre>
 *   LockedWorkApp once KEY LOG HOLD|-   build(KEY) once; prints RESULT ran, or FAILED CLASS: MESSAGE
 *   LockedWorkApp pair KEY LOG HOLD     thread "holder" builds KEY until HOLD exists; once it holds, thread "waiter"
 *                                       builds KEY too; meanwhile every baton.LockStatistics event is printed as
 *                                       STATS backend=B held=H waiting=W
 * </pre>
 */
public final class LockedWorkApp {
    private LockedWorkApp() {
    }

    /** The rule's target: {@code build(java.lang.String)}, keyed on its argument. */
    public static final class Workshop {
        private final Path log;
        private final String hold;
        private final CountDownLatch holding = new CountDownLatch(1);

        Workshop(Path log, String hold) {
            this.log = log;
            this.hold = hold;
        }

        public void build(String key) throws IOException {
            Files.writeString(log, ProcessHandle.current().pid() + " " + Thread.currentThread().getName() + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (!hold.equals("-")) {
                System.out.println("HOLDING " + key);
                System.out.flush();
                holding.countDown();
                waitFor(Path.of(hold));
            }
        }
    }

    public static void main(String[] args) throws Exception {
        String key = args[1];
        Path log = Path.of(args[2]);
        String hold = args[3];
        if (args[0].equals("once")) {
            System.out.println(outcome(new Workshop(log, hold), key));
        } else {
            pair(key, log, hold);
        }
    }

    private static String outcome(Workshop workshop, String key) {
        try {
            workshop.build(key);
            return "RESULT ran";
        } catch (Exception e) {
            return "FAILED " + e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static void pair(String key, Path log, String hold) throws Exception {
        try (RecordingStream statistics = new RecordingStream()) {
            statistics.enable("baton.LockStatistics").withPeriod(Duration.ofSeconds(1));
            statistics.onEvent("baton.LockStatistics", e -> {
                System.out.println("STATS backend=" + e.getString("backend") + " held=" + e.getInt("held")
                        + " waiting=" + e.getInt("waiting"));
                System.out.flush();
            });
            statistics.startAsync();
            Workshop holding = new Workshop(log, hold);
            Thread holder = new Thread(() -> System.out.println("holder " + outcome(holding, key)), "holder");
            holder.start();
            holding.holding.await();
            Thread waiter = new Thread(() -> System.out.println("waiter " + outcome(new Workshop(log, "-"), key)),
                    "waiter");
            waiter.start();
            holder.join();
            waiter.join();
        }
    }

    private static void waitFor(Path file) {
        while (!Files.exists(file)) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
