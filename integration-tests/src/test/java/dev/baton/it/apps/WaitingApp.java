package dev.baton.it.apps;

import java.nio.file.Files;
import java.nio.file.Path;

/** Runs until a file appears, so a test can attach the agent to a live JVM. */
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
    }
}
