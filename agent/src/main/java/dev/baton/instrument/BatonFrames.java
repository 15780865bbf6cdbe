package dev.baton.instrument;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps Baton out of the application's stack traces. An exception thrown by an intercepted method's own code
 * travels through the interceptor, the dispatcher and the prologue; its trace would show those frames and the
 * intercepted method twice (once as the original body, once as the prologue). Removing them leaves the trace the
 * application would have seen without Baton.
 */
final class BatonFrames {
    /** The name of Baton's hidden class loader (dev.baton.agent.HiddenClassLoader): the runtime's frames. */
    private static final String BATON_LOADER = "baton";
    private static final String BRIDGE = "dev.baton.bridge.";
    private static final String PROLOGUE_CALL = "dev.baton.bridge.Intercept";
    private static final String REFLECTION_INTERNALS = "jdk.internal.reflect.";
    private static final String REFLECTIVE_METHOD = "java.lang.reflect.Method";

    private BatonFrames() {
    }

    static void hide(Throwable failure) {
        StackTraceElement[] frames = failure.getStackTrace();
        List<StackTraceElement> kept = new ArrayList<>(frames.length);
        boolean skipPrologueFrame = false;
        boolean changed = false;
        for (StackTraceElement frame : frames) {
            if (skipPrologueFrame) {
                // The frame that called Intercept.invoke is the rewritten method's prologue: a duplicate.
                skipPrologueFrame = false;
                changed = true;
                continue;
            }
            if (BATON_LOADER.equals(frame.getClassLoaderName()) || frame.getClassName().startsWith(BRIDGE)) {
                skipPrologueFrame = frame.getClassName().equals(PROLOGUE_CALL);
                changed = true;
                dropReflectionCalledBy(kept);
                continue;
            }
            kept.add(frame);
        }
        if (changed) {
            failure.setStackTrace(kept.toArray(new StackTraceElement[0]));
        }
    }

    /**
     * The reflection frames just inside a Baton frame are Baton's own call of the original through
     * {@code Method.invoke} (see OriginalMethods): they go with it. The application's own reflective calls never sit
     * there, since Baton's frames are entered from the prologue and leave only into the original or into Baton.
     */
    private static void dropReflectionCalledBy(List<StackTraceElement> kept) {
        while (!kept.isEmpty() && isReflection(kept.get(kept.size() - 1))) {
            kept.remove(kept.size() - 1);
        }
    }

    private static boolean isReflection(StackTraceElement frame) {
        String type = frame.getClassName();
        return type.startsWith(REFLECTION_INTERNALS) || type.equals(REFLECTIVE_METHOD);
    }
}
