package dev.baton.scan.suggest;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a method does to places its callers can name (arguments, receiver, their fields and getters), for
 * analysing its callers: checks and acts with origins relative to its own parameters, and what it returns.
 *
 * @param returns origins of the returned value, relative ({@code arg0}, {@code this.dir})
 * @param returnChecks the returned value carries the outcome of a check on these relative origins, with this meaning:
 *     it returns the check's result, or returns true only on one side of the check ("is it installed?")
 * @param fieldInits for constructors: the fields set from arguments ({@code installConfig <- arg0}), so a caller's
 *     {@code new Config(this.config).getNodePath()} is known to derive from {@code this.config}
 */
record Summary(List<Effect> effects, Set<Origin> returns, Map<Set<Origin>, Meaning> returnChecks,
        Map<String, Set<Origin>> fieldInits) {
    static final int MAX_EFFECTS = 24;
    static final Summary EMPTY = new Summary(List.of(), Set.of(), Map.of(), Map.of());

    /** The getter returns one of its own fields as is ({@code this.distZip}). */
    boolean returnsOwnField() {
        if (returns.size() != 1) {
            return false;
        }
        String expr = returns.iterator().next().expr();
        return expr.startsWith("this.") && expr.indexOf('.', 5) < 0;
    }
}
