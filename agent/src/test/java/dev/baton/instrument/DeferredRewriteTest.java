package dev.baton.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.baton.bridge.Intercept;

/**
 * Loaded classes whose rewrite waits for their feature's start: never left unrewritten once the feature started,
 * whatever the order, and never deferred when another hook needs them at once. The JVM's Instrumentation is replaced
 * by one that lists chosen classes as loaded and records what is retransformed.
 */
class DeferredRewriteTest {
    private static final String LIST = "java.util.ArrayList";
    private final List<List<Class<?>>> retransformed = new ArrayList<>();

    @AfterEach
    void uninstall() {
        Intercept.installDispatcher(null);
    }

    @Test
    void aClassEveryHookDefersIsRewrittenWhenItsFeatureStartsAndOnlyOnce() {
        Installer installer = new Installer(instrumentation(ArrayList.class), notice -> { });
        InstallReport report = installer.install(List.of(hook(LIST, false, true)));
        assertEquals(List.of(), retransformed, "nothing rewritten at install");
        assertEquals(List.of(LIST), report.whenNeeded());
        assertEquals(List.of(), report.onLoad());

        installer.rewriteDeferred(List.of(LIST));
        installer.rewriteDeferred(List.of(LIST));
        assertEquals(List.of(List.of(ArrayList.class)), retransformed);
    }

    @Test
    void aFeatureThatStartedBeforeInstallLooksGetsItsClassRewrittenAtOnce() {
        Installer installer = new Installer(instrumentation(ArrayList.class), notice -> { });
        installer.rewriteDeferred(List.of(LIST)); // another thread's first call, while premain still installs
        InstallReport report = installer.install(List.of(hook(LIST, false, true)));
        assertEquals(List.of(List.of(ArrayList.class)), retransformed);
        assertEquals(List.of(), report.whenNeeded());
    }

    @Test
    void aClassAnotherHookNeedsNowIsRewrittenNow() {
        Installer installer = new Installer(instrumentation(ArrayList.class), notice -> { });
        installer.install(List.of(hook(LIST, false, true), new Hook("rule x", new MethodTarget(LIST, "clear", null),
                call -> call.proceed())));
        assertEquals(List.of(List.of(ArrayList.class)), retransformed);
    }

    @Test
    void aClassASubtypeMatchingHookReachesIsRewrittenNow() {
        Installer installer = new Installer(instrumentation(ArrayList.class), notice -> { });
        installer.install(List.of(hook(LIST, false, true), hook("java.util.List", true, false)));
        assertEquals(List.of(List.of(ArrayList.class)), retransformed);
    }

    private static Hook hook(String className, boolean matchesSubtypes, boolean later) {
        return new Hook("test", new MethodTarget(className, "size", "()I"), call -> call.proceed(), matchesSubtypes,
                later);
    }

    private Instrumentation instrumentation(Class<?>... loaded) {
        return (Instrumentation) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Instrumentation.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getAllLoadedClasses":
                            return loaded.clone();
                        case "isModifiableClass":
                            return true;
                        case "retransformClasses":
                            retransformed.add(List.of((Class<?>[]) args[0]));
                            return null;
                        default:
                            return null;
                    }
                });
    }
}
