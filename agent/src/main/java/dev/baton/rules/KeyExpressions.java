package dev.baton.rules;

import java.util.List;

/** What scan needs of a key or done expression: the member paths it reads, without evaluating anything. */
public final class KeyExpressions {
    /**
     * One reference inside an expression.
     *
     * @param argument the argument index, or -1 for {@code this}
     * @param members the members read one after the other ("ctx", "jarFile")
     */
    public record MemberPath(int argument, List<String> members) {
    }

    private KeyExpressions() {
    }

    /** The references of a valid expression (rules are checked before scan sees them). */
    public static List<MemberPath> paths(String expression) {
        return ArgumentExpression.parse(expression).paths();
    }
}
