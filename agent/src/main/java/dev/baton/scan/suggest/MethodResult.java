package dev.baton.scan.suggest;

import java.util.List;

/**
 * What the analysis keeps of one method once its frames are gone: the summary its callers use, the
 * check-then-act pairs found in it, and the checks its callees made for it (to tell outer methods from inner ones).
 */
record MethodResult(MethodRef method, Summary summary, List<Pair> pairs, List<Effect> importedChecks) {
    static MethodResult empty(MethodRef method) {
        return new MethodResult(method, Summary.EMPTY, List.of(), List.of());
    }
}
