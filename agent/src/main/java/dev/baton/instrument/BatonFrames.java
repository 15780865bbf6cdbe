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

    private BatonFrames() {
    }

    static void hide(Throwable failure) {
        StackTraceElement[] frames = failure.getStackTrace();
        List<StackTraceElement> kept = new ArrayList<>(frames.length);
        // Reflection frames seen since the last kept frame: Baton's own call of the original when a Baton frame
        // follows them, the application's reflection otherwise.
        List<StackTraceElement> reflection = new ArrayList<>();
        boolean skipPrologueFrame = false;
        boolean changed = false;
        for (StackTraceElement frame : frames) {
            if (skipPrologueFrame) {
                // The frame that called Intercept.invoke is the rewritten method's prologue: a duplicate.
                skipPrologueFrame = false;
                changed = true;
                continue;
            }
            if (isReflection(frame)) {
                reflection.add(frame);
                continue;
            }
            if (BATON_LOADER.equals(frame.getClassLoaderName()) || frame.getClassName().startsWith(BRIDGE)) {
                skipPrologueFrame = frame.getClassName().equals(PROLOGUE_CALL);
                changed = true;
                reflection.clear();
                continue;
            }
            kept.addAll(reflection);
            reflection.clear();
            kept.add(frame);
        }
        kept.addAll(reflection);
        if (changed) {
            failure.setStackTrace(kept.toArray(new StackTraceElement[0]));
        }
    }

    /** The JDK's frames of Method.invoke (JDK 17: native and delegating accessors; JDK 18+: method handles). */
    private static boolean isReflection(StackTraceElement frame) {
        String type = frame.getClassName();
        return type.startsWith("jdk.internal.reflect.") || type.startsWith("java.lang.invoke.")
                || type.equals("java.lang.reflect.Method") && frame.getMethodName().equals("invoke");
    }
}
