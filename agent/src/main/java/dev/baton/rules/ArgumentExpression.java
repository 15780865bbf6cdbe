package dev.baton.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A value computed from a call's arguments, for rule keys and done paths. Forms:
 * <ul>
 * <li>{@code arg0}, {@code this}: the argument (or receiver) as text;</li>
 * <li>{@code arg1.toString}, {@code arg0.name}, {@code this.ctx.jarFile}: a no-argument method, a getter
 * ({@code getName}, {@code isName}) or a field, public or not, declared by the object's class or a superclass;</li>
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

    List<KeyExpressions.MemberPath> paths() {
        List<KeyExpressions.MemberPath> paths = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Reference) {
                Reference reference = (Reference) part;
                paths.add(new KeyExpressions.MemberPath(reference.index, List.of(reference.members)));
            }
        }
        return paths;
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
            return MemberReader.read(target, name);
        }
    }
}
