package dev.baton.download;

/**
 * commons-io's copyURLToFile ends in copyToFile and may end in Files.copy: once an outer idiom coordinates a
 * download, the inner idioms on the same thread must pass through, or every layer would lock and publish again.
 */
final class NestedDownloads {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private NestedDownloads() {
    }

    static boolean active() {
        return DEPTH.get()[0] > 0;
    }

    static void enter() {
        DEPTH.get()[0]++;
    }

    static void exit() {
        DEPTH.get()[0]--;
    }
}
