package dev.baton.it.apps;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs until a file appears, so a test can attach the agent to a live JVM. With a second argument it then copies a
 * stream into that file with {@code Files.copy}, a call Baton rewrites (the class was loaded before any attach).
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
            Files.copy(new java.io.ByteArrayInputStream("attached".getBytes()), Path.of(args[1]));
            System.out.println("copied");
        }
    }
}
