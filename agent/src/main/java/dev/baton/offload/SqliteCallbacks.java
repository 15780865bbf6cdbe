package dev.baton.offload;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import dev.baton.instrument.Call;
import dev.baton.instrument.Interceptor;

/**
 * Knows whether a sqlite-jdbc database has Java callbacks: user functions, collations, commit or update listeners,
 * a progress handler. SQLite calls them from inside the native call, on the thread that made it; offloaded, they
 * would run on a pool thread, where thread-locals, the context of the virtual thread and locks the application holds
 * are not what its code expects. Calls on such databases run inline.
 *
 * <p>A Java busy handler does not count: it is a waiting policy (sleep, give up), not application logic, and
 * running its sleeps on a pool thread instead of a pinned carrier is exactly what offloading is for.
 *
 * <p>Listeners and handlers leave a native pointer in a field of {@code NativeDB}; functions and collations leave
 * nothing on the Java side, so Baton watches their registration ({@link #registrationWatcher()}). A registration is
 * never forgotten (removing a function is rare, and inline is always correct).
 */
final class SqliteCallbacks {
    /** Native pointers NativeDB keeps while a Java callback of that kind is installed (0 = none). */
    private static final List<String> HANDLER_FIELDS = List.of("commitListener", "updateListener", "progressHandler");

    private static final ClassValue<List<MethodHandle>> HANDLER_GETTERS = new ClassValue<>() {
        @Override
        protected List<MethodHandle> computeValue(Class<?> type) {
            return handlerGetters(type);
        }
    };

    /** Databases with user functions or collations; weak, so closed connections are not kept alive. */
    private final Map<Object, Boolean> withFunctions = Collections.synchronizedMap(new WeakHashMap<>());
    /** Skips the map (and its lock) in the common case of a JVM that registers no function at all. */
    private volatile boolean anyFunctions;

    boolean present(Object database) throws Throwable {
        if (anyFunctions && withFunctions.containsKey(database)) {
            return true;
        }
        for (MethodHandle getter : HANDLER_GETTERS.get(database.getClass())) {
            if ((long) getter.invokeExact(database) != 0L) {
                return true;
            }
        }
        return false;
    }

    /** Hooked on NativeDB's create_function and create_collation: notes the database, then registers as asked. */
    Interceptor registrationWatcher() {
        return new Interceptor() {
            @Override
            public Object intercept(Call call) throws Throwable {
                withFunctions.put(call.self(), Boolean.TRUE);
                anyFunctions = true;
                return call.proceed();
            }
        };
    }

    private static List<MethodHandle> handlerGetters(Class<?> type) {
        List<MethodHandle> getters = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (String field : HANDLER_FIELDS) {
                try {
                    MethodHandle getter = MethodHandles.privateLookupIn(c, MethodHandles.lookup())
                            .findGetter(c, field, long.class);
                    getters.add(getter.asType(MethodType.methodType(long.class, Object.class)));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // Not declared here (or not accessible, e.g. the driver on the module path): one less signal.
                }
            }
        }
        return List.copyOf(getters);
    }
}
