package dev.baton.it.apps;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Starts an installer command in a directory, as build tools do with ProcessBuilder.
 *
 * <p>Usage: {@code InstallerApp wait DIR COMMAND...}: waits for the command and exits with its exit code (2 when it
 * could not start). {@code InstallerApp keep RELEASE-FILE DIR COMMAND...}: starts the command, never waits for it or
 * looks at it again, and stays alive until RELEASE-FILE exists. {@code InstallerApp exec DIR COMMAND-LINE}: as
 * {@code wait}, through legacy code's {@code Runtime.getRuntime().exec(String, null, File)} (one string, split on
 * spaces by the JDK). {@code InstallerApp interrupted DIR COMMAND...}: as {@code wait}, started by a thread whose
 * interrupt flag is set (a cancelled task), and prints {@code interrupt kept=BOOLEAN} after the start. Prints
 * {@code started} or {@code start failed: MESSAGE}.
 */
public final class InstallerApp {
    private InstallerApp() {
    }

    public static void main(String[] args) throws Exception {
        boolean keep = args[0].equals("keep");
        int first = keep ? 2 : 1;
        Path dir = Path.of(args[first]);
        List<String> command = Arrays.asList(args).subList(first + 1, args.length);
        Process installer;
        try {
            if (args[0].equals("exec")) {
                installer = Runtime.getRuntime().exec(String.join(" ", command), null, new File(dir.toString()));
                copyInBackground(installer.getInputStream(), System.out);
                copyInBackground(installer.getErrorStream(), System.err);
            } else if (args[0].equals("interrupted")) {
                Thread.currentThread().interrupt();
                installer = new ProcessBuilder(command).directory(new File(dir.toString())).inheritIO().start();
                System.out.println("interrupt kept=" + Thread.interrupted());
            } else {
                installer = new ProcessBuilder(command).directory(new File(dir.toString())).inheritIO().start();
            }
            System.out.println("started");
        } catch (IOException e) {
            System.out.println("start failed: " + e.getMessage());
            installer = null;
        }
        System.out.flush();
        if (keep) {
            Path release = Path.of(args[1]);
            while (!Files.exists(release)) {
                Thread.sleep(20); // Polls for the test's signal; the installer is deliberately left alone.
            }
            return;
        }
        System.exit(installer == null ? 2 : installer.waitFor());
    }

    /** The installer's output, as inheritIO would show it (exec cannot inherit): pipes that fill up block it. */
    private static void copyInBackground(java.io.InputStream from, java.io.PrintStream to) {
        Thread copier = new Thread(() -> {
            try {
                from.transferTo(to);
            } catch (IOException ignored) {
                // The installer is gone; so is its output.
            }
        });
        copier.setDaemon(true);
        copier.start();
    }
}
