package dev.baton.it.apps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Interrupted threads calling a method a lock rule guards. First a call made with the interrupt flag already set
 * (key "solo", nobody else); then a "waiter" interrupted while it waits for the lock a "holder" thread holds (key
 * "shared"; the holder stays in its body until the file GO exists). Each call prints when its body starts and ends,
 * with the interrupt flag as the body sees it, and the flag after the call.
 *
 * <p>Usage: InterruptedCallerApp GO
 */
public final class InterruptedCallerApp {
    private InterruptedCallerApp() {
    }

    /** What a rule names: {@code dev.baton.it.apps.InterruptedCallerApp$Repo#install}. */
    public static final class Repo {
        private final Path go;
        private final CountDownLatch holderEntered = new CountDownLatch(1);

        Repo(Path go) {
            this.go = go;
        }

        public void install(String item) {
            String me = Thread.currentThread().getName();
            System.out.println(me + " start interrupted=" + Thread.currentThread().isInterrupted());
            if (me.equals("holder")) {
                holderEntered.countDown();
                while (!Files.exists(go)) {
                    Thread.onSpinWait();
                }
            }
            System.out.println(me + " end");
        }
    }

    public static void main(String[] args) throws Exception {
        Repo repo = new Repo(Path.of(args[0]));
        Thread.currentThread().setName("solo");
        Thread.currentThread().interrupt();
        repo.install("solo");
        System.out.println("solo after interrupted=" + Thread.interrupted());

        Thread holder = new Thread(() -> repo.install("shared"), "holder");
        holder.start();
        repo.holderEntered.await();
        Thread waiter = new Thread(() -> {
            repo.install("shared");
            System.out.println("waiter after interrupted=" + Thread.currentThread().isInterrupted());
        }, "waiter");
        waiter.start();
        while (waiter.getState() != Thread.State.WAITING && waiter.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait(); // until it waits for the holder's lock
        }
        waiter.interrupt();
        System.out.println("interrupted the waiter");
        holder.join();
        waiter.join();
    }
}
