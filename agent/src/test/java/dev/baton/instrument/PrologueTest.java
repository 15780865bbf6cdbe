package dev.baton.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.baton.bridge.Intercept;

/**
 * Rewrites real classes with the prologue, loads them in a fresh class loader (which also runs the JVM's verifier on
 * the result) and checks the interception contract: results, arguments, exceptions, fail-open fallbacks.
 */
class PrologueTest {
    private static final String ARITHMETIC = "dev.baton.instrument.targets.Arithmetic";
    private static final String COUNTER = "dev.baton.instrument.targets.Counter";

    private final List<String> fallbacks = new CopyOnWriteArrayList<>();
    private final List<String> notices = new CopyOnWriteArrayList<>();
    /** Tests that provoke Baton failures raise this; every other test must run without a single fallback. */
    private int expectedFallbacks;

    @AfterEach
    void checkFallbacksAndUninstall() {
        Rewriting.uninstall();
        assertEquals(expectedFallbacks, fallbacks.size(), fallbacks.toString());
    }

    @Test
    void interceptorSeesArgumentsAndProceedReturnsTheOriginalResult() throws Exception {
        List<Object[]> seen = new ArrayList<>();
        Class<?> type = rewrite(ARITHMETIC, hook(ARITHMETIC, "add", call -> {
            seen.add(call.arguments());
            return call.proceed();
        }));
        assertEquals(5, invoke(type, null, "add", 2, 3L));
        assertArrayEquals(new Object[] {2, 3L}, seen.get(0));
    }

    @Test
    void everyPrimitiveAndArrayArgumentIsBoxedAndTheResultUnboxed() throws Exception {
        Class<?> type = rewrite(ARITHMETIC, hook(ARITHMETIC, "scale", call -> (Double) call.proceed() + 1));
        assertEquals(-5.0, invoke(type, null, "scale", 3.0, 2f, new byte[1], 'c', (short) 1, true));
    }

    @Test
    void varargsArePassedThroughAsTheArray() throws Exception {
        Class<?> type = rewrite(ARITHMETIC, hook(ARITHMETIC, "join", Call::proceed));
        assertEquals("a-b-c", invoke(type, null, "join", "-", new String[] {"a", "b", "c"}));
    }

    @Test
    void interceptorCanReplaceResultAndArguments() throws Exception {
        Class<?> type = rewrite(ARITHMETIC, hook(ARITHMETIC, "greet",
                call -> call.proceedWith(new Object[] {"baton"}) + "!"));
        assertEquals("hello baton!", invoke(type, newInstance(type), "greet", "world"));
    }

    @Test
    void voidMethodsRunThroughProceed() throws Exception {
        AtomicInteger intercepted = new AtomicInteger();
        Class<?> type = rewrite(ARITHMETIC, hook(ARITHMETIC, "record", call -> {
            intercepted.incrementAndGet();
            return call.proceed();
        }));
        List<String> log = new ArrayList<>();
        invoke(type, newInstance(type), "record", log, "x");
        assertEquals(List.of("x"), log);
        assertEquals(1, intercepted.get());
    }

    @Test
    void theOriginalsOwnExceptionReachesTheCallerUnchanged() throws Exception {
        Class<?> type = rewrite(ARITHMETIC, hook(ARITHMETIC, "fail", Call::proceed));
        Throwable thrown = assertThrows(InvocationTargetException.class, () -> invoke(type, null, "fail", "boom"))
                .getCause();
        assertEquals(IOException.class, thrown.getClass());
        assertEquals("boom", thrown.getMessage());
    }

    @Test
    void aRefusalDeliversItsExceptionToTheCaller() throws Exception {
        IOException refused = new IOException("lock timed out");
        Class<?> type = rewrite(ARITHMETIC, hook(ARITHMETIC, "add", call -> {
            throw Refusal.of(refused);
        }));
        assertSame(refused, assertThrows(InvocationTargetException.class, () -> invoke(type, null, "add", 1, 1L))
                .getCause());
    }

    @Test
    void aBatonFailureBeforeProceedRunsTheOriginalAndIsReported() throws Exception {
        Class<?> type = rewrite(ARITHMETIC, hook(ARITHMETIC, "add", call -> {
            throw new IllegalStateException("bug in Baton");
        }));
        assertEquals(7, invoke(type, null, "add", 3, 4L));
        assertTrue(fallbacks.get(0).contains("bug in Baton"));
        expectedFallbacks = 1;
    }

    @Test
    void aBatonFailureAfterProceedKeepsTheOriginalsResult() throws Exception {
        Class<?> type = rewrite(ARITHMETIC, hook(ARITHMETIC, "greet", call -> {
            call.proceed();
            throw new IllegalStateException("publish failed");
        }));
        assertEquals("hello you", invoke(type, newInstance(type), "greet", "you"));
        expectedFallbacks = 1;
    }

    @Test
    void aNullResultForAPrimitiveIsTreatedAsABatonFailure() throws Exception {
        Class<?> type = rewrite(ARITHMETIC, hook(ARITHMETIC, "add", call -> null));
        assertEquals(3, invoke(type, null, "add", 1, 2L));
        expectedFallbacks = 1;
    }

    @Test
    void wrongArgumentsToProceedWithAreBatonsFailureNotTheApplications() throws Exception {
        Class<?> type = rewrite(ARITHMETIC, hook(ARITHMETIC, "add", call -> call.proceedWith(new Object[] {"x"})));
        assertEquals(3, invoke(type, null, "add", 1, 2L));
        expectedFallbacks = 1;
    }

    @Test
    void interceptorThatDeclinesLeavesTheCallUntouched() throws Exception {
        AtomicInteger intercepted = new AtomicInteger();
        Class<?> type = rewrite(ARITHMETIC, new Hook("test", new MethodTarget(ARITHMETIC, "add", null),
                new Interceptor() {
                    @Override
                    public boolean wants(Object self) {
                        return false;
                    }

                    @Override
                    public Object intercept(Call call) {
                        intercepted.incrementAndGet();
                        return 0;
                    }
                }));
        assertEquals(3, invoke(type, null, "add", 1, 2L));
        assertEquals(0, intercepted.get());
    }

    @Test
    void aMethodStartingWithALoopStillVerifies() throws Exception {
        Class<?> type = rewrite(ARITHMETIC, hook(ARITHMETIC, "countDown", Call::proceed));
        assertEquals(4, invoke(type, null, "countDown", 4));
    }

    @Test
    void recursiveCallsInsideTheOriginalAreInterceptedAgain() throws Exception {
        AtomicInteger intercepted = new AtomicInteger();
        Class<?> type = rewrite(ARITHMETIC, hook(ARITHMETIC, "factorial", call -> {
            intercepted.incrementAndGet();
            return call.proceed();
        }));
        assertEquals(24, invoke(type, null, "factorial", 4));
        assertEquals(4, intercepted.get());
    }

    @Test
    void proceedRunsTheInterceptedBodyOnlyNotASubclassOverride() throws Exception {
        ClassLoader loader = rewriteAll(List.of(COUNTER, COUNTER + "$Loud"), hook(COUNTER, "tick", Call::proceed));
        Class<?> loud = loader.loadClass(COUNTER + "$Loud");
        Object counter = loud.getConstructor().newInstance();
        assertEquals(1, invoke(loud, counter, "tick"));
        assertEquals(1, loud.getField("loudCalls").getInt(counter));
        assertEquals(1, loud.getField("calls").getInt(counter));
    }

    @Test
    void twoHooksOnOneMethodChainInOrder() throws Exception {
        List<String> order = new ArrayList<>();
        Class<?> type = rewrite(ARITHMETIC,
                hook(ARITHMETIC, "greet", call -> {
                    order.add("outer");
                    return "[" + call.proceed() + "]";
                }),
                hook(ARITHMETIC, "greet", call -> {
                    order.add("inner");
                    return call.proceedWith(new Object[] {"inner"});
                }));
        assertEquals("[hello inner]", invoke(type, newInstance(type), "greet", "x"));
        assertEquals(List.of("outer", "inner"), order);
    }

    @Test
    void withoutADispatcherTheRewrittenClassBehavesAsTheOriginal() throws Exception {
        Class<?> type = rewrite(ARITHMETIC, hook(ARITHMETIC, "add", call -> 42));
        Intercept.installDispatcher(null);
        assertEquals(3, invoke(type, null, "add", 1, 2L));
    }

    private static Hook hook(String className, String method, Interceptor interceptor) {
        return new Hook("test", new MethodTarget(className, method, null), interceptor);
    }

    private Class<?> rewrite(String className, Hook... hooks) throws Exception {
        return rewriteAll(List.of(className), hooks).loadClass(className);
    }

    private ClassLoader rewriteAll(List<String> classNames, Hook... hooks) throws IOException {
        Rewriting.Result result = Rewriting.rewriteAll(classNames, List.of(hooks), fallbacks::add, notices::add);
        assertTrue(result.transformer().wasRewritten(classNames.get(0)));
        return result.loader();
    }

    private static Object newInstance(Class<?> type) throws Exception {
        return type.getConstructor().newInstance();
    }

    private static Object invoke(Class<?> type, Object self, String name, Object... args) throws Exception {
        return Rewriting.invoke(type, self, name, args);
    }
}
