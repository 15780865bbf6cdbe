package dev.baton.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * What an exception thrown by an intercepted method's own body shows the application: the trace it would have had
 * without Baton. The frames are written out as the JVM reports them, since Baton's frames are told by the name of the
 * loader that runs Baton in an agent ("baton"), which no unit test has.
 */
class BatonFramesTest {
    @Test
    void batonsReflectiveCallOfTheOriginalLeavesNoFrame() {
        Throwable failure = new IOException("boom");
        failure.setStackTrace(new StackTraceElement[] {
            app("com.example.Installer", "createDist"), // the original body
            jdk("jdk.internal.reflect.DirectMethodHandleAccessor", "invoke"), // JDK 18 and later
            jdk("jdk.internal.reflect.NativeMethodAccessorImpl", "invoke0"), // JDK 17
            jdk("java.lang.reflect.Method", "invoke"),
            baton("dev.baton.instrument.ActiveCall", "invokeReflectively"),
            baton("dev.baton.instrument.HookDispatcher", "invoke"),
            boot("dev.baton.bridge.Intercept", "invoke"),
            app("com.example.Installer", "createDist"), // its prologue
            app("com.example.Main", "main")});
        BatonFrames.hide(failure);
        assertEquals(List.of("com.example.Installer.createDist", "com.example.Main.main"), frames(failure));
    }

    @Test
    void theApplicationsOwnReflectiveCallsStay() {
        Throwable failure = new IOException("boom");
        failure.setStackTrace(new StackTraceElement[] {
            app("com.example.Plugin", "run"),
            jdk("jdk.internal.reflect.DirectMethodHandleAccessor", "invoke"),
            jdk("java.lang.reflect.Method", "invoke"),
            app("com.example.Installer", "createDist"),
            baton("dev.baton.instrument.ActiveCall", "invokeReflectively"),
            boot("dev.baton.bridge.Intercept", "invoke"),
            app("com.example.Installer", "createDist"),
            app("com.example.Main", "main")});
        BatonFrames.hide(failure);
        assertEquals(List.of("com.example.Plugin.run", "jdk.internal.reflect.DirectMethodHandleAccessor.invoke",
                "java.lang.reflect.Method.invoke", "com.example.Installer.createDist", "com.example.Main.main"),
                frames(failure));
    }

    private static StackTraceElement app(String type, String method) {
        return new StackTraceElement("app", null, null, type, method, null, 1);
    }

    private static StackTraceElement jdk(String type, String method) {
        return new StackTraceElement(null, "java.base", null, type, method, null, 1);
    }

    private static StackTraceElement baton(String type, String method) {
        return new StackTraceElement("baton", null, null, type, method, null, 1);
    }

    private static StackTraceElement boot(String type, String method) {
        return new StackTraceElement(null, null, null, type, method, null, 1);
    }

    private static List<String> frames(Throwable failure) {
        List<String> names = new ArrayList<>();
        for (StackTraceElement frame : failure.getStackTrace()) {
            names.add(frame.getClassName() + "." + frame.getMethodName());
        }
        return names;
    }
}
