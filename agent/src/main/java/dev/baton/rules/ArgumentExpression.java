package dev.baton.rules;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A value computed from a call's arguments, for rule keys and done paths. Forms:
 * <ul>
 * <li>{@code arg0}, {@code this}: the argument (or receiver) as text;</li>
 * <li>{@code arg1.toString}, {@code arg0.name}: a no-argument method, a getter ({@code getName}) or a field;</li>
 * <li>templates: {@code plugins/${arg0}/package.json}, any text with such expressions inside {@code ${...}}.</li>
 * </ul>
 */
final class ArgumentExpression {
    private static final Pattern REFERENCE = Pattern.compile("(this|arg(\\d+))((?:\\.[A-Za-z_$][\\w$]*)*)");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private final List<Object> parts;

    private ArgumentExpression(List<Object> parts) {
        this.parts = parts;
    }

    /** Parses {@code text}; the parameter count, when known, bounds argN. */
    static ArgumentExpression parse(String text) {
        List<Object> parts = new ArrayList<>();
        if (!text.contains("${")) {
            parts.add(reference(text.trim()));
            return new ArgumentExpression(parts);
        }
        Matcher m = PLACEHOLDER.matcher(text);
        int last = 0;
        while (m.find()) {
            parts.add(text.substring(last, m.start()));
            parts.add(reference(m.group(1).trim()));
            last = m.end();
        }
        parts.add(text.substring(last));
        return new ArgumentExpression(parts);
    }

    private static Reference reference(String text) {
        Matcher m = REFERENCE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an argument expression: expected this, argN,"
                    + " argN.method or a template with ${argN}");
        }
        int index = m.group(2) == null ? -1 : Integer.parseInt(m.group(2));
        String path = m.group(3);
        String[] members = path.isEmpty() ? new String[0] : path.substring(1).split("\\.");
        return new Reference(index, members);
    }

    /** The highest argument index used, to check against the method's parameter count. */
    int highestArgument() {
        int highest = -1;
        for (Object part : parts) {
            if (part instanceof Reference) {
                highest = Math.max(highest, ((Reference) part).index);
            }
        }
        return highest;
    }

    String evaluate(Object self, Object[] arguments) throws ReflectiveOperationException {
        StringBuilder value = new StringBuilder();
        for (Object part : parts) {
            value.append(part instanceof Reference ? ((Reference) part).evaluate(self, arguments) : part);
        }
        return value.toString();
    }

    private record Reference(int index, String[] members) {
        Object evaluate(Object self, Object[] arguments) throws ReflectiveOperationException {
            Object value = index < 0 ? self : arguments[index];
            for (String member : members) {
                if (value == null) {
                    return "null";
                }
                value = member(value, member);
            }
            return String.valueOf(value);
        }

        private static Object member(Object target, String name) throws ReflectiveOperationException {
            String getter = "get" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
            for (Class<?> type : accessibleTypes(target.getClass())) {
                for (String methodName : new String[] {name, getter}) {
                    try {
                        Method method = type.getMethod(methodName);
                        return method.invoke(target);
                    } catch (NoSuchMethodException tryNext) {
                        // next form
                    }
                }
            }
            try {
                return target.getClass().getField(name).get(target);
            } catch (NoSuchFieldException notPublic) {
                return declaredMember(target, name, getter);
            }
        }

        /**
         * A tool's natural key is often in a private field ({@code this.config}, {@code this.uri}): fields, then
         * no-argument methods, declared by the class or a superclass. Classes of the application's (unnamed) modules
         * are open to reflection; a JDK-internal member stays out of reach and the lookup fails as before.
         */
        private static Object declaredMember(Object target, String name, String getter)
                throws ReflectiveOperationException {
            for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (field.getName().equals(name) && !java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
                        field.setAccessible(true);
                        return field.get(target);
                    }
                }
                for (Method method : type.getDeclaredMethods()) {
                    if (method.getParameterCount() == 0 && (method.getName().equals(name)
                            || method.getName().equals(getter))) {
                        method.setAccessible(true);
                        return method.invoke(target);
                    }
                }
            }
            throw new NoSuchFieldException(name + " in " + target.getClass().getName());
        }

        /**
         * The runtime class may be a JDK implementation in a package that is not exported (sun.nio.fs.UnixPath);
         * its public interfaces and superclasses (java.nio.file.Path) can be called.
         */
        private static List<Class<?>> accessibleTypes(Class<?> type) {
            List<Class<?>> accessible = new ArrayList<>();
            java.util.ArrayDeque<Class<?>> pending = new java.util.ArrayDeque<>();
            pending.add(type);
            while (!pending.isEmpty()) {
                Class<?> next = pending.poll();
                if (accessible.contains(next)) {
                    continue;
                }
                if (java.lang.reflect.Modifier.isPublic(next.getModifiers())
                        && next.getModule().isExported(next.getPackageName())) {
                    accessible.add(next);
                }
                if (next.getSuperclass() != null) {
                    pending.add(next.getSuperclass());
                }
                pending.addAll(List.of(next.getInterfaces()));
            }
            return accessible;
        }
    }
}
