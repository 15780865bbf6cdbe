package dev.baton.it.apps;

import java.io.IOException;
import java.io.UncheckedIOException;

/** A legacy client whose fetch fails twice with an IOException before it works; prints how many calls it took. */
public final class FlakyApp {
    private static int calls;

    private FlakyApp() {
    }

    public static String fetch(String what) throws IOException {
        calls++;
        if (calls <= Integer.getInteger("flaky.failures", 2)) {
            throw new IOException("connection reset (call " + calls + ")");
        }
        return what + " after " + calls + " calls";
    }

    public static void main(String[] args) {
        try {
            System.out.println(fetch("answer"));
        } catch (IOException e) {
            System.out.println("failed: " + e.getMessage());
            throw new UncheckedIOException(e);
        }
    }
}
