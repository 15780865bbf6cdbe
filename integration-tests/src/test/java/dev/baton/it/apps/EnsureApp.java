package dev.baton.it.apps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two threads "ensure" one item with a method that fails and says so by returning false. The first call stays in
 * its body until the file GO exists (the test creates it once the second call waits for the first's lock), so the
 * second call is sure to wait for a peer that then fails. Prints {@code first=<result> second=<result> runs=<n>}.
 *
 * <p>Usage: EnsureApp GO
 */
public final class EnsureApp {
    private EnsureApp() {
    }

    /** What a rule names: {@code dev.baton.it.apps.EnsureApp$Repo#ensure}. */
    public static final class Repo {
        private final Path go;
        private final CountDownLatch firstEntered = new CountDownLatch(1);
        private final AtomicInteger runs = new AtomicInteger();

        Repo(Path go) {
            this.go = go;
        }

        public boolean ensure(String item) {
            if (runs.incrementAndGet() == 1) {
                firstEntered.countDown();
                while (!Files.exists(go)) {
                    Thread.onSpinWait();
                }
            }
            return false; // the download, the unpacking... failed: nothing is there
        }
    }

    public static void main(String[] args) throws Exception {
        Repo repo = new Repo(Path.of(args[0]));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        Future<Boolean> first = threads.submit(() -> repo.ensure("pkg"));
        repo.firstEntered.await();
        Future<Boolean> second = threads.submit(() -> repo.ensure("pkg"));
        System.out.println("first=" + first.get() + " second=" + second.get() + " runs=" + repo.runs.get());
        threads.shutdown();
    }
}
