package dev.baton.it.apps;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Starts a package manager the way build tools do ({@code ProcessBuilder.start()}) and reports each start:
 * {@code RESULT <exit code>} or {@code FAILED <exception class>: <message>} on stdout.
 *
 * <p>Usage: InstallProbe GO TIMES DIR COMMAND...: when GO is not "-", prints {@code WAITING} and waits for the file
 * GO first; then starts COMMAND in DIR, TIMES times, one after the other.
 */
public final class InstallProbe {
    private InstallProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (!args[0].equals("-")) {
            System.out.println("WAITING");
            System.out.flush();
            while (!Files.exists(Path.of(args[0]))) {
                Thread.sleep(10);
            }
        }
        int times = Integer.parseInt(args[1]);
        File dir = new File(args[2]);
        List<String> command = Arrays.asList(args).subList(3, args.length);
        for (int i = 0; i < times; i++) {
            try {
                Process process = new ProcessBuilder(command).directory(dir).inheritIO().start();
                System.out.println("RESULT " + process.waitFor());
            } catch (Exception e) {
                System.out.println("FAILED " + e.getClass().getName() + ": " + e.getMessage());
            }
            System.out.flush();
        }
    }
}
