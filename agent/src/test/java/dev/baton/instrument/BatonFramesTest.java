package dev.baton.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** What the application sees of an exception its own method threw through Baton: its own frames only. */
class BatonFramesTest {
    private static StackTraceElement frame(String loader, String type, String method) {
        return new StackTraceElement(loader, null, null, type, method, null, 1);
    }

    private static List<String> hidden(StackTraceElement... frames) {
        RuntimeException failure = new RuntimeException();
        failure.setStackTrace(frames);
        BatonFrames.hide(failure);
        return Arrays.stream(failure.getStackTrace()).map(f -> f.getClassName() + "." + f.getMethodName()).toList();
    }

    /**
     * The original called through core reflection (JDK 25: method-handle accessors): the reflection frames between
     * the original body and Baton are Baton's call, not the application's. On main they stayed in the trace.
     */
    @Test
    void reflectionThatCalledTheOriginalGoesWithBaton() {
        assertEquals(List.of("org.sqlite.core.DB.prepare", "org.sqlite.jdbc3.JDBC3Statement.executeQuery"), hidden(
                frame("app", "org.sqlite.core.DB", "prepare"),
                frame(null, "jdk.internal.reflect.DirectMethodHandleAccessor", "invoke"),
                frame(null, "java.lang.reflect.Method", "invoke"),
                frame("baton", "dev.baton.instrument.ActiveCall", "proceedWith"),
                frame(null, "dev.baton.bridge.Intercept", "invoke"),
                frame("app", "org.sqlite.core.DB", "prepare"),
                frame("app", "org.sqlite.jdbc3.JDBC3Statement", "executeQuery")));
    }

    @Test
    void theApplicationsOwnReflectionStays() {
        List<String> own = List.of("com.acme.Tool.run", "jdk.internal.reflect.DirectMethodHandleAccessor.invoke",
                "java.lang.reflect.Method.invoke", "com.acme.Main.main");
        assertEquals(own, hidden(frame("app", "com.acme.Tool", "run"),
                frame(null, "jdk.internal.reflect.DirectMethodHandleAccessor", "invoke"),
                frame(null, "java.lang.reflect.Method", "invoke"),
                frame("app", "com.acme.Main", "main")));
    }
}
