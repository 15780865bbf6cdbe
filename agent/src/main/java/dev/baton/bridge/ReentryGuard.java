package dev.baton.bridge;

/**
 * Marks threads that are executing Baton's own code, so that Baton's file and process calls (which may be
 * instrumented methods themselves) do not re-enter the advice.
 */
public final class ReentryGuard {
    private static final ThreadLocal<int[]> DEPTH = new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
            return new int[1];
        }
    };

    private ReentryGuard() {
    }

    /** True when the current thread is inside Baton; advice must then let the original call run untouched. */
    public static boolean isInside() {
        return DEPTH.get()[0] > 0;
    }

    public static void enter() {
        DEPTH.get()[0]++;
    }

    public static void exit() {
        DEPTH.get()[0]--;
    }
}
