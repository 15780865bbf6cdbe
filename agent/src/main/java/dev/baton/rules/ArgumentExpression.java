package dev.baton.rules;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * A value computed from a call's arguments, for rule keys and done paths. Forms:
 * <ul>
 * <li>{@code arg0}, {@code this}: the argument (or receiver) as text;</li>
 * <li>{@code arg1.toString}, {@code arg0.name}: a no-argument method, a getter ({@code getName}) or a field;</li>
 * <li>templates: {@code plugins/${arg0}/package.json}, any text with such expressions inside {@code ${...}}.</li>
 * </ul>
 */
final class ArgumentExpression {
    private static final String OPEN = "${";

    private final List<Object> parts;

    private ArgumentExpression(List<Object> parts) {
        this.parts = parts;
    }

    /**
     * Parses {@code text}; the parameter count, when known, bounds argN. Read by hand, not with regular expressions:
     * a recipe's key is parsed when its hook is first needed, inside a short-lived tool's run, where compiling a
     * pattern costs more than the whole parse.
     */
    static ArgumentExpression parse(String text) {
        List<Object> parts = new ArrayList<>();
        if (!text.contains(OPEN)) {
            parts.add(reference(text.trim()));
            return new ArgumentExpression(parts);
        }
        int last = 0;
        for (int open = text.indexOf(OPEN); open >= 0; open = text.indexOf(OPEN, last)) {
            int close = text.indexOf('}', open + OPEN.length());
            if (close < 0) {
                break; // An unclosed ${ is text.
            }
            parts.add(text.substring(last, open));
            parts.add(reference(text.substring(open + OPEN.length(), close).trim()));
            last = close + 1;
        }
        parts.add(text.substring(last));
        return new ArgumentExpression(parts);
    }

    /** {@code this} or {@code argN}, then any number of {@code .member} (a Java identifier). */
    private static Reference reference(String text) {
        int index;
        int at;
        if (text.startsWith("this")) {
            index = -1;
            at = "this".length();
        } else if (text.startsWith("arg")) {
            at = "arg".length();
            while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
                at++;
            }
            index = at == "arg".length() ? -2 : Integer.parseInt(text.substring("arg".length(), at));
        } else {
            index = -2;
            at = 0;
        }
        List<String> members = new ArrayList<>();
        while (index > -2 && at < text.length() && text.charAt(at) == '.') {
            int start = ++at;
            while (at < text.length() && isMemberChar(text.charAt(at), at == start)) {
                at++;
            }
            if (at == start) {
                break;
            }
            members.add(text.substring(start, at));
        }
        if (index == -2 || at != text.length()) {
            throw new IllegalArgumentException("'" + text + "' is not an argument expression: expected this, argN,"
                    + " argN.method or a template with ${argN}");
        }
        return new Reference(index, members.toArray(new String[0]));
    }

    private static boolean isMemberChar(char c, boolean first) {
        boolean letter = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_' || c == '$';
        return letter || !first && c >= '0' && c <= '9';
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
