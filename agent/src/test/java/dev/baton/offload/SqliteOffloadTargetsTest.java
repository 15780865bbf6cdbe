package dev.baton.offload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.baton.core.HookSpec;
import dev.baton.instrument.Interceptor;
import dev.baton.instrument.MethodTarget;

/**
 * Every method the offload hooks name exists in each supported sqlite-jdbc release, has a body, and (when calls are
 * offloaded) is not synchronized: a synchronized method would hold the DB monitor on the caller, and the pool thread
 * running its body would wait for it forever.
 */
class SqliteOffloadTargetsTest {
    private static final Path VERSIONS = Path.of("target", "sqlite-jdbc-versions");

    @Test
    void everyTargetIsAnOrdinaryMethodInEverySupportedRelease() throws Exception {
        List<Path> jars = driverJars();
        assertEquals(3, jars.size(), "expected 3.46.1.3, 3.50.3.0 and 3.51.3.0 in " + VERSIONS);
        List<HookSpec> specs = SqliteOffloadTargets.specs();
        for (Path jar : jars) {
            try (URLClassLoader driver = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                    ClassLoader.getPlatformClassLoader())) {
                for (HookSpec spec : specs) {
                    List<Method> methods = declared(driver, spec.target());
                    String where = jar.getFileName() + " " + spec.target();
                    assertFalse(methods.isEmpty(), where + ": no such method");
                    for (Method method : methods) {
                        int modifiers = method.getModifiers();
                        assertFalse(Modifier.isNative(modifiers) || Modifier.isAbstract(modifiers), where);
                        if (spec.action().equals(SqliteOffloadTargets.OFFLOAD)) {
                            assertFalse(Modifier.isSynchronized(modifiers), where + " is synchronized");
                        }
                    }
                }
            }
        }
    }

    @Test
    void callbackRegistrationIsWatchedOnEveryThreadAndNeverOffloaded() {
        OffloadPool pool = new OffloadPool(1, 1, 1);
        SqliteCallbacks callbacks = new SqliteCallbacks();
        for (HookSpec spec : SqliteOffloadTargets.specs()) {
            if (spec.target().className().equals("org.sqlite.core.NativeDB")) {
                Interceptor interceptor = SqliteOffloadTargets.interceptor(spec, pool, callbacks);
                assertFalse(interceptor instanceof OffloadInterceptor, spec.describe());
                assertTrue(interceptor.wants(null), spec.describe());
            }
        }
    }

    private static List<Method> declared(ClassLoader loader, MethodTarget target) throws ClassNotFoundException {
        Class<?> type = Class.forName(target.className(), false, loader);
        List<Method> methods = new ArrayList<>();
        for (Method method : type.getDeclaredMethods()) {
            String descriptor = MethodType.methodType(method.getReturnType(), method.getParameterTypes())
                    .toMethodDescriptorString();
            if (method.getName().equals(target.methodName()) && !method.isBridge()
                    && (target.descriptor() == null || target.descriptor().equals(descriptor))) {
                methods.add(method);
            }
        }
        return methods;
    }

    private static List<Path> driverJars() throws IOException {
        try (Stream<Path> files = Files.list(VERSIONS)) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().collect(Collectors.toList());
        }
    }
}
