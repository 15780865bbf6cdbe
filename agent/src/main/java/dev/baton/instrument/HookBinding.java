package dev.baton.instrument;

import java.lang.invoke.MethodHandle;
import java.lang.ref.WeakReference;
import java.lang.reflect.Method;

/**
 * A hook applied to one method of one class in one class loader; its id is the number baked into that method's
 * prologue. The handle to the original is resolved on first use, when the class is surely defined.
 */
final class HookBinding {
    final int id;
    final Hook hook;
    final String className;
    final String methodName;
    final String descriptor;
    final boolean isStatic;
    /** The checked exceptions the method declares (internal names), for {@link #asDeclared}. */
    private final String[] exceptions;
    /** A null result cannot be unboxed by the prologue: the dispatcher treats it as a Baton bug. */
    final boolean returnsPrimitive;
    final String site;
    private final WeakReference<ClassLoader> loader;
    private volatile MethodHandle original;
    private volatile Method reflective;
    private volatile boolean noReflectiveOriginal;

    HookBinding(int id, Hook hook, String className, String methodName, String descriptor, String[] exceptions,
            boolean isStatic, ClassLoader loader) {
        this.id = id;
        this.hook = hook;
        this.className = className;
        this.methodName = methodName;
        this.descriptor = descriptor;
        this.isStatic = isStatic;
        this.exceptions = exceptions == null ? new String[0] : exceptions.clone();
        char returnType = descriptor.charAt(descriptor.indexOf(')') + 1);
        this.returnsPrimitive = returnType != 'L' && returnType != '[' && returnType != 'V';
        this.site = hook.label() + " " + className + "#" + methodName;
        this.loader = new WeakReference<>(loader);
    }

    /**
     * The original as a reflective method when calling it through reflection runs the very body a method handle with
     * invokespecial semantics would (see {@link OriginalMethods#reflective}); null when only the handle will do.
     */
    Method reflective(OriginalMethods resolver, Object self) throws ReflectiveOperationException {
        if (noReflectiveOriginal) {
            return null;
        }
        Method method = reflective;
        if (method == null) {
            Class<?> owner = Class.forName(className, false, loader.get());
            method = resolver.reflective(owner, methodName, descriptor);
            if (method == null) {
                noReflectiveOriginal = true;
                return null;
            }
            reflective = method;
        }
        return OriginalMethods.dispatchesTo(method, self) ? method : null;
    }

    MethodHandle original(OriginalMethods resolver) throws ReflectiveOperationException {
        MethodHandle handle = original;
        if (handle == null) {
            Class<?> owner = Class.forName(className, false, loader.get());
            handle = resolver.resolve(owner, methodName, descriptor, isStatic);
            original = handle;
        }
        return handle;
    }

    /**
     * {@code thrown} as this method can throw it: unchanged when unchecked or declared (it or a superclass is in the
     * method's throws clause), else wrapped unchecked.
     */
    Throwable asDeclared(Throwable thrown) {
        if (thrown instanceof RuntimeException || thrown instanceof Error) {
            return thrown;
        }
        for (Class<?> type = thrown.getClass(); type != null; type = type.getSuperclass()) {
            String name = type.getName().replace('.', '/');
            for (String declared : exceptions) {
                if (declared.equals(name)) {
                    return thrown;
                }
            }
        }
        if (thrown instanceof java.io.IOException io) {
            return new java.io.UncheckedIOException(io.getMessage(), io);
        }
        return new java.lang.reflect.UndeclaredThrowableException(thrown, thrown.getMessage());
    }
}
