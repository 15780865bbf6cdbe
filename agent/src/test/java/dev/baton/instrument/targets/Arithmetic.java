package dev.baton.instrument.targets;

import java.io.IOException;
import java.util.List;

/** Methods of every shape the prologue must handle; rewritten in a test class loader. */
public class Arithmetic {
    public static int add(int a, long b) {
        return (int) (a + b);
    }

    public static double scale(double value, float factor, byte[] unused, char c, short s, boolean negate) {
        return negate ? -value * factor : value * factor;
    }

    public static String join(String separator, String... parts) {
        return String.join(separator, parts);
    }

    public String greet(String name) {
        return "hello " + name;
    }

    public void record(List<String> log, String entry) {
        log.add(entry);
    }

    public static long fail(String message) throws IOException {
        throw new IOException(message);
    }

    /** Starts with a loop: the original code has a stack map frame at offset 0. */
    public static int countDown(int n) {
        int steps = 0;
        while (n > 0) {
            n--;
            steps++;
        }
        return steps;
    }

    public static int factorial(int n) {
        return n <= 1 ? 1 : n * factorial(n - 1);
    }
}
