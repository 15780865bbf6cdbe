package dev.baton.it.apps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Calls whose rule lock times out under policy fail while a holder thread keeps it: {@code install} declares no
 * checked exception, {@code fetch} declares IOException. Prints the class of what each call threw, as a caller
 * catching RuntimeException first would see it. The holders leave once the calls are done (the file GO).
 *
 * <p>Usage: UndeclaredApp GO
 */
public final class UndeclaredApp {
    private UndeclaredApp() {
    }

    /** What the rules name: {@code dev.baton.it.apps.UndeclaredApp$Repo#install} and {@code #fetch}. */
    public static final class Repo {
        private final Path go;
        private final CountDownLatch holding = new CountDownLatch(2);

        Repo(Path go) {
            this.go = go;
        }

        public void install(String item) {
            holdIfHolder();
        }

        public void fetch(String item) throws IOException {
            holdIfHolder();
        }

        private void holdIfHolder() {
            if (Thread.currentThread().getName().startsWith("holder")) {
                holding.countDown();
                while (!Files.exists(go)) {
                    Thread.onSpinWait();
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Path go = Path.of(args[0]);
        Repo repo = new Repo(go);
        Thread installHolder = new Thread(() -> repo.install("pkg"), "holder-install");
        Thread fetchHolder = new Thread(() -> {
            try {
                repo.fetch("pkg");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, "holder-fetch");
        installHolder.start();
        fetchHolder.start();
        repo.holding.await();
        try {
            repo.install("pkg");
            System.out.println("install: returned");
        } catch (RuntimeException e) {
            System.out.println("install: " + e.getClass().getName());
        } catch (Throwable t) {
            System.out.println("install: undeclared " + t.getClass().getName());
        }
        try {
            repo.fetch("pkg");
            System.out.println("fetch: returned");
        } catch (IOException e) {
            System.out.println("fetch: " + e.getClass().getName());
        }
        Files.createFile(go);
        installHolder.join();
        fetchHolder.join();
    }
}
