package dev.baton.rules;

import java.util.ArrayList;
import java.util.List;

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
