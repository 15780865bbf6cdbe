package dev.baton.instrument;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Set;

/**
 * Finds a handle that runs an intercepted method's own body. Instance methods are bound with invokespecial
 * semantics: re-dispatching virtually could run a subclass override a second time.
 */
final class OriginalMethods {
    private final Instrumentation instrumentation;

    OriginalMethods(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    MethodHandle resolve(Class<?> owner, String name, String descriptor, boolean isStatic)
            throws ReflectiveOperationException {
        MethodType type = MethodType.fromMethodDescriptorString(descriptor, owner.getClassLoader());
        MethodHandles.Lookup lookup = privateLookup(owner);
        MethodHandle handle = (isStatic
                ? lookup.findStatic(owner, name, type)
                : lookup.findSpecial(owner, name, type, owner)).asFixedArity();
        // One shape for every call: (Object[]) -> Object, receiver first for instance methods.
        int arity = type.parameterCount() + (isStatic ? 0 : 1);
        return handle.asType(handle.type().generic()).asSpreader(Object[].class, arity);
    }

    /**
     * The original as a reflective method, for a class of the application (an unnamed module: nothing to open);
     * null for a class of a named module. Whether a given call may use it is {@link #dispatchesTo}'s answer.
     *
     * <p>Why reflection where it runs the same body: the method handle adapted to the one shape every call uses
     * ((Object[]) -> Object) spins classes on its first call, in the first hooked call of every short-lived tool (the
     * wrapper recipe's, for one). On JDK 17 core reflection calls natively and spins nothing; from JDK 18 on it runs
     * on method handles itself but adapts with fewer spun classes (the wrapper's createDist on JDK 25, counted with
     * -Xlog:class+load: 3 against 7, each also work for the JIT).
     */
    Method reflective(Class<?> owner, String name, String descriptor) throws ReflectiveOperationException {
        if (owner.getModule().isNamed()) {
            return null;
        }
        Class<?>[] parameters = MethodType.fromMethodDescriptorString(descriptor, owner.getClassLoader())
                .parameterArray();
        Method method = owner.getDeclaredMethod(name, parameters);
        method.setAccessible(true);
        return method;
    }

    /**
     * Whether calling {@code method} through reflection on {@code self} runs {@code method}'s own body. Reflection
     * dispatches virtually, so only when no override can be chosen: a static, private or final method, a final class,
     * or a receiver of exactly the declaring class. Otherwise the method handle's invokespecial must be used, or a
     * subclass override would run instead (and run twice).
     */
    static boolean dispatchesTo(Method method, Object self) {
        int modifiers = method.getModifiers();
        Class<?> owner = method.getDeclaringClass();
        return Modifier.isStatic(modifiers) || Modifier.isPrivate(modifiers) || Modifier.isFinal(modifiers)
                || Modifier.isFinal(owner.getModifiers()) || (self != null && self.getClass() == owner);
    }

    private MethodHandles.Lookup privateLookup(Class<?> owner) throws IllegalAccessException {
        Module target = owner.getModule();
        Module baton = OriginalMethods.class.getModule();
        String pkg = owner.getPackageName();
        if (target.isNamed() && !target.isOpen(pkg, baton) && instrumentation != null) {
            // JDK classes live in named modules; Baton needs the package opened to reach non-public originals.
            instrumentation.redefineModule(target, Set.of(), Map.of(), Map.of(pkg, Set.of(baton)), Set.of(),
                    Map.of());
        }
        return MethodHandles.privateLookupIn(owner, MethodHandles.lookup());
    }

    static boolean isStatic(int access) {
        return Modifier.isStatic(access);
    }
}
