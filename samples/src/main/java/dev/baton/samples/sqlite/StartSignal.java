package dev.baton.samples.sqlite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Lets a harness start the work of several copies of a sample at the same moment: with the system property
 * {@code samples.startSignal=stdin}, the program prints {@code ready} once it is set up and waits for a line on stdin
 * before it starts its clock. JVMs started together on a busy machine get going seconds apart; without this, the
 * first one could be done before the last one begins, and they would never share the file at all. Without the
 * property the program starts at once, as a user would run it.
 */
final class StartSignal {
    private StartSignal() {
    }

    static void awaitIfAsked() throws IOException {
        if (!"stdin".equals(System.getProperty("samples.startSignal"))) {
            return;
        }
        System.out.println("ready");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
}
