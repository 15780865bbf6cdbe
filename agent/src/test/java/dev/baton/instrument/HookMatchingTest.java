package dev.baton.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.baton.instrument.targets.Installers;

/**
 * Which methods a hook rewrites: rules (hooks matching subtypes) reach implementations and overrides of the method
 * they name, through the compiler's bridges but never twice; a hook that matches nothing in its class, and a
 * {@code @CallerSensitive} method, are reported once instead of failing silently.
 */
class HookMatchingTest {
    private static final String TARGETS = "dev.baton.instrument.targets.Installers";
    private static final String REPOSITORY = TARGETS + "$Repository";
    private static final String BASE = TARGETS + "$Base";
    private static final String NPM = TARGETS + "$Npm";
    private static final String YARN = TARGETS + "$Yarn";
    // The outer class too: nest mates must come from one loader.
    private static final List<String> ALL = List.of(TARGETS, REPOSITORY, BASE, NPM, YARN);

    private final List<String> fallbacks = new CopyOnWriteArrayList<>();
    private final List<String> notices = new CopyOnWriteArrayList<>();
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @AfterEach
    void uninstall() {
        Rewriting.uninstall();
        assertEquals(List.of(), fallbacks);
    }

    /** A hook that records "Class#method(args)" of every call it sees and lets it run. */
    private Hook recording(String className, String method, String descriptor, boolean subtypes) {
        return new Hook("rule test", new MethodTarget(className, method, descriptor), call -> {
            seen.add(call.self().getClass().getSimpleName() + "#" + call.target().methodName() + call.descriptor());
            return call.proceed();
        }, subtypes);
    }

    @Test
    void aRuleOnAnInterfaceMethodRewritesEveryImplementationOnceThroughItsBridge() throws Exception {
        Rewriting.Result result = Rewriting.rewriteAll(ALL, List.of(recording(REPOSITORY, "install",
                "(Ljava/lang/Object;)", true)), fallbacks::add, notices::add);
        assertTrue(result.transformer().wasRewritten(NPM));
        assertTrue(result.transformer().wasRewritten(YARN));
        Object npm = result.load(NPM).getConstructor().newInstance();
        Object yarn = result.load(YARN).getConstructor().newInstance();
        // Called through the interface: the bridge install(Object) forwards to install(String), hooked once.
        assertEquals("npm left-pad", result.load(REPOSITORY).getMethod("install", Object.class).invoke(npm, "left-pad"));
        assertEquals("yarn left-pad", Rewriting.invoke(result.load(YARN), yarn, "install", "left-pad"));
        assertEquals(List.of("Npm#install(Ljava/lang/String;)Ljava/lang/String;",
                "Yarn#install(Ljava/lang/String;)Ljava/lang/String;"), seen);
        assertEquals(List.of(), notices);
    }

    @Test
    void aSuperCallReachingTheHookedBaseRunsTheBaseBodyNotTheOverride() throws Exception {
        // Base#ensure hooked in its class only; Npm's override calls super.ensure on an Npm: the original must be
        // Base's body. Reflection would dispatch to Npm's override again; only a receiver of exactly the declaring
        // class (or a method nobody can override) is called reflectively (OriginalMethods.dispatchesTo).
        Rewriting.Result result = Rewriting.rewriteAll(ALL, List.of(recording(BASE, "ensure",
                "(Ljava/lang/String;)", false)), fallbacks::add, notices::add);
        Object npm = result.load(NPM).getConstructor().newInstance();
        assertEquals("npm base x", Rewriting.invoke(result.load(NPM), npm, "ensure", "x"));
        assertEquals(List.of("Npm#ensure(Ljava/lang/String;)Ljava/lang/String;"), seen);
    }

    @Test
    void theOriginalRunsOnceForAReceiverOfTheClassAndOfASubclass() throws Exception {
        Rewriting.Result result = Rewriting.rewriteAll(ALL, List.of(recording(NPM, "ensure",
                "(Ljava/lang/String;)", false)), fallbacks::add, notices::add);
        Object npm = result.load(NPM).getConstructor().newInstance();
        Object yarn = result.load(YARN).getConstructor().newInstance();
        assertEquals("npm base x", Rewriting.invoke(result.load(NPM), npm, "ensure", "x"));
        assertEquals("npm base y", Rewriting.invoke(result.load(YARN), yarn, "ensure", "y"));
        assertEquals(List.of("Npm#ensure(Ljava/lang/String;)Ljava/lang/String;",
                "Yarn#ensure(Ljava/lang/String;)Ljava/lang/String;"), seen);
    }

    @Test
    void reflectionCallsAnOriginalOnlyWhereNoOverrideCanBeChosen() throws Exception {
        java.lang.reflect.Method npmEnsure = Installers.Npm.class.getMethod("ensure", String.class);
        assertTrue(OriginalMethods.dispatchesTo(npmEnsure, new Installers.Npm()));
        assertFalse(OriginalMethods.dispatchesTo(npmEnsure, new Installers.Yarn()), "Yarn may override it");
        assertTrue(OriginalMethods.dispatchesTo(String.class.getMethod("valueOf", int.class), null), "static");
        assertTrue(OriginalMethods.dispatchesTo(String.class.getMethod("isEmpty"), "x"), "final class");
    }

    @Test
    void aPresetNamesItsExactClassOnly() throws Exception {
        Rewriting.Result result = Rewriting.rewriteAll(ALL, List.of(recording(REPOSITORY, "install",
                "(Ljava/lang/Object;)", false)), fallbacks::add, notices::add);
        assertTrue(!result.transformer().wasRewritten(NPM));
    }

    @Test
    void aRuleOnABaseClassMethodRewritesTheOverrideAndTheBase() throws Exception {
        Rewriting.Result result = Rewriting.rewriteAll(ALL, List.of(recording(BASE, "ensure",
                "(Ljava/lang/String;)", true)), fallbacks::add, notices::add);
        assertTrue(result.transformer().wasRewritten(BASE));
        assertTrue(result.transformer().wasRewritten(NPM));
        assertTrue(!result.transformer().wasRewritten(YARN), "Yarn declares no ensure: it inherits the hooked one");
        Object yarn = result.load(YARN).getConstructor().newInstance();
        assertEquals("npm base x", Rewriting.invoke(result.load(YARN), yarn, "ensure", "x"));
        // The override and the base it calls are both rewritten; a rule's interceptor treats the nested super call
        // as the same call (RuleCallsTest), the installer only reaches both.
        assertEquals(2, seen.size(), seen.toString());
    }

    @Test
    void aHookWithoutParametersSkipsTheBridgeSoTheMethodIsInterceptedOnce() throws Exception {
        Rewriting.Result result = Rewriting.rewriteAll(ALL, List.of(recording(NPM, "install", null, false)),
                fallbacks::add, notices::add);
        Object npm = result.load(NPM).getConstructor().newInstance();
        assertEquals("npm a", result.load(REPOSITORY).getMethod("install", Object.class).invoke(npm, "a"));
        assertEquals(List.of("Npm#install(Ljava/lang/String;)Ljava/lang/String;"), seen);
    }

    @Test
    void aHookOnAClassThatDoesNotDeclareTheMethodSaysSo() throws Exception {
        Rewriting.Result result = Rewriting.rewriteAll(ALL, List.of(recording(NPM, "version", "()", true)),
                fallbacks::add, notices::add);
        assertTrue(!result.transformer().wasRewritten(NPM));
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).startsWith("rule test: " + NPM + " declares no method version()"), notices.get(0));
    }

    @Test
    void callerSensitiveMethodsAreRefused() throws Exception {
        HookTransformer transformer = new HookTransformer(List.of(recording("java.lang.Class", "forName",
                "(Ljava/lang/String;)", false)), new HookRegistry(), null, notices::add);
        byte[] original;
        try (InputStream in = ClassLoader.getSystemResourceAsStream("java/lang/Class.class")) {
            original = in.readAllBytes();
        }
        assertNull(transformer.transform(null, null, "java/lang/Class", null, null, original));
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).contains("java.lang.Class#forName(Ljava/lang/String;)Ljava/lang/Class; is"
                + " @CallerSensitive and is not rewritten"), notices.get(0));
    }

    @Test
    void shapesFindBridgeTargets() throws Exception {
        ClassShape npm = ClassShape.read(Rewriting.read(NPM), null);
        List<String> rewritten = new ArrayList<>();
        for (ClassShape.Method method : npm.rewrittenBy(new MethodTarget(NPM, "install", "(Ljava/lang/Object;)"))) {
            rewritten.add(method.name() + method.descriptor());
        }
        assertEquals(List.of("install(Ljava/lang/String;)Ljava/lang/String;"), rewritten);
    }
}
