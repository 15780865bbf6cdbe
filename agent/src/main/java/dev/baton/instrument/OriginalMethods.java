package dev.baton.instrument;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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
