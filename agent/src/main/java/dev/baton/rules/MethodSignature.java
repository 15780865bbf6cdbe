package dev.baton.rules;

import java.util.Map;

import dev.baton.instrument.MethodTarget;

/**
 * Turns a rule's method, as users write it, into a {@link MethodTarget}:
 * {@code com.acme.Repo#install(java.lang.String,int[])} (these parameters, any return type) or
 * {@code com.acme.Repo#install} (every overload). Nested classes are written with '$'.
 */
final class MethodSignature {
    private static final Map<String, String> PRIMITIVES = Map.of("boolean", "Z", "byte", "B", "char", "C",
            "short", "S", "int", "I", "long", "J", "float", "F", "double", "D");

    private MethodSignature() {
    }

    static MethodTarget parse(String text) {
        String spec = text.trim();
        int hash = spec.indexOf('#');
        if (hash <= 0 || hash == spec.length() - 1) {
            throw new IllegalArgumentException("expected Class#method or Class#method(type,...)");
        }
        String className = spec.substring(0, hash);
        String rest = spec.substring(hash + 1);
        int open = rest.indexOf('(');
        if (open < 0) {
            return new MethodTarget(className, identifier(rest), null);
        }
        if (!rest.endsWith(")")) {
            throw new IllegalArgumentException("missing ')' after the parameter types");
        }
        String method = identifier(rest.substring(0, open));
        String parameters = rest.substring(open + 1, rest.length() - 1).trim();
        StringBuilder descriptor = new StringBuilder("(");
        if (!parameters.isEmpty()) {
            for (String type : parameters.split(",")) {
                descriptor.append(descriptorOf(type.trim()));
            }
        }
        return new MethodTarget(className, method, descriptor.append(')').toString());
    }

    private static String identifier(String name) {
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0)) || name.startsWith("<")) {
            throw new IllegalArgumentException("'" + name + "' is not a method name (constructors cannot be rules)");
        }
        for (char c : name.toCharArray()) {
            if (!Character.isJavaIdentifierPart(c)) {
                throw new IllegalArgumentException("'" + name + "' is not a method name");
            }
        }
        return name;
    }

    static String descriptorOf(String type) {
        if (type.endsWith("[]")) {
            return "[" + descriptorOf(type.substring(0, type.length() - 2).trim());
        }
        if (type.endsWith("...")) {
            return "[" + descriptorOf(type.substring(0, type.length() - 3).trim());
        }
        String primitive = PRIMITIVES.get(type);
        if (primitive != null) {
            return primitive;
        }
        if (type.isEmpty() || type.contains(" ")) {
            throw new IllegalArgumentException("'" + type + "' is not a parameter type");
        }
        if (!type.contains(".")) {
            // Users write String, List...: the common java.lang names are forgiven, anything else must be qualified.
            if (type.equals("String") || type.equals("Object") || type.equals("Integer") || type.equals("Long")) {
                return "Ljava/lang/" + type + ";";
            }
            throw new IllegalArgumentException("'" + type + "' must be a fully qualified class name");
        }
        return "L" + type.replace('.', '/') + ";";
    }
}
