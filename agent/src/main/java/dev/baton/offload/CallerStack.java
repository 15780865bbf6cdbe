package dev.baton.offload;

/**
 * Makes an exception thrown on a pool thread read as if the call had run on the caller: the frames from the throw
 * site up to the hooked method come from the pool thread, the frames below it (the application's) from the caller.
 * Baton's plumbing on both sides disappears. The exception object itself is left as it was otherwise (same type,
 * message, cause, SQL state and error code), so code that catches, inspects or rethrows it behaves the same.
 *
 * <p>Why stitch instead of adding a suppressed "caller stack" exception: loggers and stack-trace parsers (and
 * people) look for the application's frames in the main trace; a suppressed exception would be an extra that
 * appears only with Baton.
 */
final class CallerStack {
    private CallerStack() {
    }

    static void stitch(Throwable failure, String className, String methodName) {
        StackTraceElement[] pool = failure.getStackTrace();
        int hookedOnPool = lastFrameOf(pool, className, methodName);
        if (hookedOnPool < 0) {
            return;
        }
        StackTraceElement[] caller = new Throwable().getStackTrace();
        int hookedOnCaller = firstFrameOf(caller, className, methodName);
        if (hookedOnCaller < 0) {
            return;
        }
        int below = caller.length - hookedOnCaller - 1;
        StackTraceElement[] stitched = new StackTraceElement[hookedOnPool + 1 + below];
        System.arraycopy(pool, 0, stitched, 0, hookedOnPool + 1);
        System.arraycopy(caller, hookedOnCaller + 1, stitched, hookedOnPool + 1, below);
        failure.setStackTrace(stitched);
    }

    /** On the pool thread, the hooked method's frame closest to the worker loop: everything after it is Baton's. */
    private static int lastFrameOf(StackTraceElement[] frames, String className, String methodName) {
        for (int i = frames.length - 1; i >= 0; i--) {
            if (isFrameOf(frames[i], className, methodName)) {
                return i;
            }
        }
        return -1;
    }

    /** On the caller, the hooked method's frame closest to the top: its prologue called into Baton. */
    private static int firstFrameOf(StackTraceElement[] frames, String className, String methodName) {
        for (int i = 0; i < frames.length; i++) {
            if (isFrameOf(frames[i], className, methodName)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isFrameOf(StackTraceElement frame, String className, String methodName) {
        return frame.getMethodName().equals(methodName) && frame.getClassName().equals(className);
    }
}
