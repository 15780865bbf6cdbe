package dev.baton.scan.suggest;

import java.util.Set;

/**
 * What a value in a method denotes, for relating a check to an act and for writing a rule key.
 * <ul>
 * <li>{@code arg1}, {@code arg0.distribution}, {@code this.config.installDirectory}: reachable from the call's
 * arguments or receiver through fields and getters, so a rule key can name it (the rule key language);</li>
 * <li>{@code @45}, {@code @45.zipFile}: the result of the call at instruction 45 (and members of it): relates
 * values inside one method, never a key;</li>
 * <li>{@code const:/opt/x}, {@code static:a/B.f}: constants and static fields: relate, but a key adds nothing.</li>
 * </ul>
 * Path operations (resolve, getParent, new File(dir, name), toString...) keep the origin of the path they start
 * from: an act on {@code zip.resolveSibling(".part")} is an act on the same place as a check of {@code zip}.
 *
 * @param expr identity (equality is on this alone)
 * @param desc JVM type descriptor of the value the expression names, null if unknown (decides whether its text is
 *     the same in every process: String, File, Path, URI, URL, primitives)
 * @param label readable text for reasons ("pathAssembler.getDistribution(arg0).zipFile")
 */
record Origin(String expr, String desc, String label) {
    static final int MAX_MEMBERS = 4;
    /** Stands for "more places than worth tracking": relates to nothing, never a key. */
    static final Origin TOO_MANY = new Origin("*", null, "?");
    private static final Set<String> STABLE = Set.of("Ljava/lang/String;", "Ljava/io/File;", "Ljava/nio/file/Path;",
            "Ljava/net/URI;", "Ljava/net/URL;", "Ljava/lang/CharSequence;", "Ljava/lang/Integer;", "Ljava/lang/Long;",
            "I", "J", "Z", "S", "B", "C");

    static Origin argument(int index, String desc) {
        return new Origin("arg" + index, desc, "arg" + index);
    }

    static Origin receiver(String desc) {
        return new Origin("this", desc, "this");
    }

    static Origin site(int instruction, String desc, String label) {
        return new Origin("@" + instruction, desc, label);
    }

    static Origin constant(String value) {
        return new Origin("const:" + value, "Ljava/lang/String;", '"' + value + '"');
    }

    static Origin staticField(String owner, String name, String desc) {
        return new Origin("static:" + owner + "." + name, desc, simpleName(owner) + "." + name);
    }

    /** This origin's field or getter {@code name}; null when the chain would get too long to be useful. */
    Origin member(String name, String memberDesc) {
        if (this == TOO_MANY || expr.equals("*") || expr.startsWith("const:") || members() >= MAX_MEMBERS) {
            return null;
        }
        return new Origin(expr + "." + name, memberDesc, label + "." + name);
    }

    /** Rewrites a callee-relative origin ({@code arg1.dir}) onto the caller's value for that argument. */
    Origin rebase(Origin calleeRelative) {
        String rest = calleeRelative.expr.substring(root(calleeRelative.expr).length());
        if (rest.isEmpty()) {
            return new Origin(expr, calleeRelative.desc != null ? calleeRelative.desc : desc, label);
        }
        if (expr.equals("*") || expr.startsWith("const:") || members() + count(rest) > MAX_MEMBERS) {
            return null;
        }
        return new Origin(expr + rest, calleeRelative.desc, label + rest);
    }

    /** arg0, this: a rule key expression can reach it. */
    boolean keyable() {
        return expr.startsWith("arg") || expr.startsWith("this");
    }

    /** Its text is the same in every process (a String, a path, a URI), so it can serve as a lock key. */
    boolean stable() {
        return desc != null && STABLE.contains(desc);
    }

    /** Says which place it is: anything but the "too many" marker. */
    boolean tracked() {
        return !expr.equals("*");
    }

    /** The root: {@code arg1}, {@code this}, {@code @45}, {@code const:x}, {@code static:a/B.f}. */
    static String root(String expr) {
        if (expr.startsWith("const:") || expr.startsWith("static:")) {
            return expr;
        }
        int dot = expr.indexOf('.');
        return dot < 0 ? expr : expr.substring(0, dot);
    }

    /** For {@code argN...}: N; else -1. */
    int argumentIndex() {
        if (!expr.startsWith("arg")) {
            return -1;
        }
        return Integer.parseInt(root(expr).substring(3));
    }

    private int members() {
        return expr.startsWith("static:") ? 0 : count(expr.substring(root(expr).length()));
    }

    private static int count(String rest) {
        int n = 0;
        for (int i = 0; i < rest.length(); i++) {
            if (rest.charAt(i) == '.') {
                n++;
            }
        }
        return n;
    }

    static String simpleName(String internalName) {
        return internalName.substring(internalName.lastIndexOf('/') + 1);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Origin o && o.expr.equals(expr);
    }

    @Override
    public int hashCode() {
        return expr.hashCode();
    }

    @Override
    public String toString() {
        return expr;
    }
}
