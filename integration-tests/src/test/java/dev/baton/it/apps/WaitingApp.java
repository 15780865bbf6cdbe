package dev.baton.it.apps;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs until a file appears, so a test can attach the agent to a live JVM. With two more arguments, TARGET and URL,
 * it then downloads URL into TARGET with {@code Files.copy(url.openStream(), target)}, a call Baton rewrites (the
 * class was loaded before any attach).
 */
public final class WaitingApp {
    private WaitingApp() {
    }

    public static void main(String[] args) throws Exception {
        Path release = Path.of(args[0]);
        System.out.println("waiting");
        System.out.flush();
        while (!Files.exists(release)) {
            Thread.onSpinWait();
            Thread.sleep(10);
        }
        System.out.println("released");
        if (args.length > 1) {
            try (java.io.InputStream download = java.net.URI.create(args[2]).toURL().openStream()) {
                Files.copy(download, Path.of(args[1]));
            }
            System.out.println("copied");
        }
    }
}
