package dev.baton.it.apps;

import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Runs an installer command COUNT times in a row in one directory, starting each the moment the previous one's
 * {@code waitFor} returned, and exits right after the last: a build step that installs and moves on at once.
 *
 * <p>It keeps the monitor of every process it started until it exits (legal, if unusual: code that synchronises on
 * the Process it manages). Any other thread that waits for those processes, such as a lease thread of Baton's, then
 * never sees them exit before this JVM does; so the rounds show what the application itself can rely on when
 * {@code waitFor} returns. Prints {@code installed N exit E} or {@code start failed N: MESSAGE} per round.
 *
 * <p>Usage: SequentialInstallsApp DIR COUNT COMMAND...
 */
public final class SequentialInstallsApp {
    private SequentialInstallsApp() {
    }

    public static void main(String[] args) throws Exception {
        round(new File(args[0]), 1, Integer.parseInt(args[1]), Arrays.asList(args).subList(2, args.length));
    }

    private static void round(File dir, int round, int count, List<String> command) throws Exception {
        if (round > count) {
            System.exit(0);
        }
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir).inheritIO().start();
        } catch (IOException e) {
            System.out.println("start failed " + round + ": " + e.getMessage());
            round(dir, round + 1, count, command);
            return;
        }
        synchronized (process) {
            System.out.println("installed " + round + " exit " + process.waitFor());
            round(dir, round + 1, count, command);
        }
    }
}
