package dev.baton.rules;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads {@code name} of an object for key and done expressions: a no-argument method {@code name()}, a getter
 * ({@code getName()}, {@code isName()}) or a field {@code name}, public or not, declared by the object's class or any
 * superclass (the natural per-item key of a tool is often a protected field: {@code this.ctx.jarFile}). Public members
 * are called through a public, exported type first, so JDK implementation classes (sun.nio.fs.UnixPath) work without
 * opening their packages. What was found is cached per class and name.
 */
final class MemberReader {
    /** How to read one name on one class. */
    @FunctionalInterface
    private interface Access {
        Object read(Object target) throws ReflectiveOperationException;
    }

    /**
     * Plain classes, not method references: a key is read in the first lock of a short-lived tool, where each spun
     * lambda class costs start-up time.
     */
    private static final class MethodAccess implements Access {
        private final Method method;

        MethodAccess(Method method) {
            this.method = method;
        }

        @Override
        public Object read(Object target) throws ReflectiveOperationException {
            return method.invoke(target);
        }
    }

    private static final class FieldAccess implements Access {
        private final Field field;

        FieldAccess(Field field) {
            this.field = field;
        }

        @Override
        public Object read(Object target) throws ReflectiveOperationException {
            return field.get(target);
        }
    }

    private static final ClassValue<Map<String, Access>> ACCESS = new ClassValue<>() {
        @Override
        protected Map<String, Access> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private MemberReader() {
    }

    static Object read(Object target, String name) throws ReflectiveOperationException {
        Class<?> type = target.getClass();
        Map<String, Access> known = ACCESS.get(type);
        Access access = known.get(name);
        if (access == null) {
            access = find(type, name);
            known.put(name, access);
        }
        return access.read(target);
    }

    private static Access find(Class<?> type, String name) throws NoSuchFieldException {
        String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        String[] methodNames = {name, "get" + capitalized, "is" + capitalized};
        for (Class<?> accessible : publicTypes(type)) {
            for (String methodName : methodNames) {
                try {
                    Method method = accessible.getMethod(methodName);
                    if (Modifier.isPublic(method.getDeclaringClass().getModifiers()) || opened(method)) {
                        return new MethodAccess(method);
                    }
                } catch (NoSuchMethodException tryNext) {
                    // next form
                }
            }
        }
        for (Class<?> declaring = type; declaring != null; declaring = declaring.getSuperclass()) {
            for (String methodName : methodNames) {
                Method method = declaredMethod(declaring, methodName);
                if (method != null && opened(method)) {
                    return new MethodAccess(method);
                }
            }
            Field field = declaredField(declaring, name);
            if (field != null && opened(field)) {
                return new FieldAccess(field);
            }
        }
        throw new NoSuchFieldException("no readable method " + name + "(), getter or field '" + name + "' in "
                + type.getName() + " or its superclasses");
    }

    private static Method declaredMethod(Class<?> type, String name) {
        try {
            Method method = type.getDeclaredMethod(name);
            return Modifier.isStatic(method.getModifiers()) || method.getReturnType() == void.class ? null : method;
        } catch (NoSuchMethodException | SecurityException | NoClassDefFoundError e) {
            return null;
        }
    }

    private static Field declaredField(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException | SecurityException | NoClassDefFoundError e) {
            return null;
        }
    }

    /** Classes of the application are open to Baton's (unnamed) module; JDK internals usually are not. */
    private static boolean opened(AccessibleObject member) {
        try {
            return member.trySetAccessible();
        } catch (SecurityException e) {
            return false;
        }
    }

    /**
     * The public, exported classes and interfaces of {@code type}'s hierarchy: the runtime class may be a JDK
     * implementation in a package that is not exported (sun.nio.fs.UnixPath) whose public interface (Path) can be
     * called.
     */
    private static List<Class<?>> publicTypes(Class<?> type) {
        List<Class<?>> accessible = new ArrayList<>();
        List<Class<?>> seen = new ArrayList<>();
        ArrayDeque<Class<?>> pending = new ArrayDeque<>();
        pending.add(type);
        while (!pending.isEmpty()) {
            Class<?> next = pending.poll();
            if (seen.contains(next)) {
                continue;
            }
            seen.add(next);
            if (Modifier.isPublic(next.getModifiers()) && next.getModule().isExported(next.getPackageName())) {
                accessible.add(next);
            }
            if (next.getSuperclass() != null) {
                pending.add(next.getSuperclass());
            }
            for (Class<?> implemented : next.getInterfaces()) {
                pending.add(implemented);
            }
        }
        return accessible;
    }
}
