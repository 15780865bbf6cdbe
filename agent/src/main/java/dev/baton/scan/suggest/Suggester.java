package dev.baton.scan.suggest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.objectweb.asm.Opcodes;

/**
 * {@code scan --suggest}: finds the check-then-act methods of the scanned code and turns each into a ranked lock
 * rule with a key that reaches the checked place.
 */
public final class Suggester {
    private static final int SKIPPED_ACCESS = Opcodes.ACC_SYNTHETIC | Opcodes.ACC_BRIDGE | Opcodes.ACC_ABSTRACT
            | Opcodes.ACC_NATIVE;

    /** Who already hooks a method (a shipped recipe, a configured rule): its label, or null. */
    @FunctionalInterface
    public interface HookedBy {
        String labelFor(String className, String methodName, String descriptor);
    }

    /** The suggestions, best first, and what was read. */
    public record Result(List<Suggestion> suggestions, int classes, int methods, int unreadableClasses) {
    }

    /** A method with check-then-act pairs, before ranking. */
    private record Candidate(MethodResult result, List<Pair> pairs, String key, String keyNote, int score,
            Set<Origin> places) {
    }

    public Result suggest(List<Path> paths) throws IOException {
        return suggest(paths, (className, methodName, descriptor) -> null);
    }

    public Result suggest(List<Path> paths, HookedBy hookedBy) throws IOException {
        CodeBase code = CodeBase.read(paths);
        FlowAnalysis flow = new FlowAnalysis(code);
        List<Candidate> candidates = new ArrayList<>();
        for (MethodResult result : flow.all()) {
            if (!result.pairs().isEmpty() && lockable(code, result.method())) {
                candidates.add(candidate(result));
            }
        }
        Map<MethodRef, MethodRef> coveredBy = outerLocks(candidates);
        candidates.sort(Comparator.comparing((Candidate c) -> coveredBy.containsKey(c.result.method()))
                .thenComparing(Comparator.comparingInt((Candidate c) -> c.score).reversed())
                .thenComparing(c -> c.result.method().toString()));
        List<Suggestion> suggestions = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (Candidate candidate : candidates) {
            MethodRef method = candidate.result.method();
            MethodRef outer = coveredBy.get(method);
            suggestions.add(new Suggestion(ruleName(method, names), method.ruleSignature(), candidate.key,
                    candidate.score, candidate.keyNote, reason(candidate),
                    outer == null ? null : outer.ruleSignature(),
                    hookedBy.labelFor(method.owner().replace('/', '.'), method.name(), method.desc())));
        }
        return new Result(suggestions, code.classCount(), flow.analysedCount(), code.unreadableCount());
    }

    /** Rules can hook it: code of its own, not a constructor, not compiler-made (lambda bodies, bridges). */
    private static boolean lockable(CodeBase code, MethodRef method) {
        if (method.name().startsWith("<") || method.name().startsWith("lambda$")) {
            return false;
        }
        Integer access = code.header(method.owner()).methods().get(method.name() + method.desc());
        return access != null && (access & SKIPPED_ACCESS) == 0;
    }

    private static Candidate candidate(MethodResult result) {
        List<Pair> pairs = new ArrayList<>(result.pairs());
        pairs.sort(Comparator.comparingInt(Suggester::score).reversed());
        int best = score(pairs.get(0));
        Set<ActKind> kinds = new LinkedHashSet<>();
        Set<Origin> places = new LinkedHashSet<>();
        for (Pair pair : pairs) {
            if (!pair.validation()) {
                kinds.add(pair.act().kind());
            }
            places.addAll(pair.check().origins());
        }
        int score = Math.min(95, best + 5 * Math.max(0, kinds.size() - 1));
        String key = null;
        String keyNote = null;
        for (Pair pair : pairs) {
            Origin place = keyOf(pair.check().origins(), pair.act().origins());
            if (place != null) {
                key = place.expr();
                keyNote = "the checked path" + (place.label().equals(place.expr()) ? "" : " (" + place.label() + ")");
                break;
            }
            Origin source = stableKeyable(pair.act().sources());
            if (source != null) {
                key = source.expr();
                keyNote = "what the download fetches (" + source.label() + "); the checked path is derived from it";
                break;
            }
        }
        if (key == null) {
            score = Math.max(0, score - 10);
            keyNote = "no key expression reaches the path: every call of the method waits for the others";
        }
        MethodRef method = result.method();
        if (method.name().equals("main") && method.desc().equals("([Ljava/lang/String;)V")) {
            // Locking main serialises whole runs of the program: a last resort, never the first suggestion.
            score = Math.max(0, score - 30);
            keyNote += "; this is main, so whole runs of the program would take turns";
        }
        return new Candidate(result, pairs, key, keyNote, score, places);
    }

    /** The checked place itself, if a key can name it: acted-on places first, arguments before the receiver. */
    private static Origin keyOf(Set<Origin> checked, Set<Origin> acted) {
        List<Origin> both = new ArrayList<>();
        for (Origin origin : checked) {
            if (acted.contains(origin)) {
                both.add(origin);
            }
        }
        Origin key = stableKeyable(both);
        return key != null ? key : stableKeyable(checked);
    }

    private static Origin stableKeyable(Iterable<Origin> origins) {
        Origin best = null;
        for (Origin origin : origins) {
            if (origin.keyable() && origin.stable() && (best == null || better(origin, best))) {
                best = origin;
            }
        }
        return best;
    }

    private static boolean better(Origin a, Origin b) {
        boolean aArg = a.expr().startsWith("arg");
        boolean bArg = b.expr().startsWith("arg");
        if (aArg != bArg) {
            return aArg;
        }
        return a.expr().length() < b.expr().length();
    }

    /** How likely the pair is a race worth a lock: create-if-missing of a download scores highest. */
    static int score(Pair pair) {
        int score = switch (pair.actWhen()) {
            case ABSENT -> 50;
            case UNKNOWN -> 30;
            case PRESENT -> 20;
        };
        score += pair.act().kind().weight;
        if (pair.act().kind() == ActKind.DELETE) {
            // Deleting what a check found (or found empty) is clean-up, not the "create if missing" of a race.
            score = Math.min(score, 30);
        }
        return pair.validation() ? Math.min(score, 15) : score;
    }

    /**
     * Inner methods whose check a suggested outer method already makes through them on a place the outer lock
     * covers (its own checked place, or every place when it locks without a key): lock the "ensure X" method, not
     * each step inside it.
     */
    private static Map<MethodRef, MethodRef> outerLocks(List<Candidate> candidates) {
        Map<MethodRef, Candidate> byMethod = new HashMap<>();
        candidates.forEach(c -> byMethod.put(c.result.method(), c));
        Map<MethodRef, MethodRef> coveredBy = new LinkedHashMap<>();
        for (Candidate outer : candidates) {
            for (Effect check : outer.result.importedChecks()) {
                for (MethodRef inner : check.via()) {
                    if (inner.equals(outer.result.method()) || !byMethod.containsKey(inner)
                            || coveredBy.containsKey(inner)) {
                        continue;
                    }
                    if (outer.key == null || check.relatesTo(outer.places)) {
                        coveredBy.put(inner, outer.result.method());
                    }
                }
            }
        }
        // Two methods covering each other (recursion) cover neither.
        coveredBy.entrySet().removeIf(e -> e.getKey().equals(coveredBy.get(e.getValue())));
        return coveredBy;
    }

    private static String reason(Candidate candidate) {
        Pair top = candidate.pairs.get(0);
        Effect check = top.check();
        StringBuilder text = new StringBuilder();
        text.append(check.describeCheck()).append(" at ").append(check.where()).append(" then ");
        Set<String> acts = new LinkedHashSet<>();
        for (Pair pair : candidate.pairs) {
            if (pair.check().site() == check.site() && acts.size() < 3) {
                acts.add(pair.act().describe() + " at line " + pair.act().line());
            }
        }
        text.append(String.join(", ", acts));
        text.append(switch (top.actWhen()) {
            case ABSENT -> " when it is missing";
            case PRESENT -> " when it exists";
            case UNKNOWN -> " depending on it";
        });
        if (top.validation()) {
            text.append(" (the other branch throws: a validation, likely no race)");
        }
        int others = (int) candidate.pairs.stream().map(p -> p.check().site()).distinct().count() - 1;
        if (others > 0) {
            text.append("; ").append(others).append(" more check(s)");
        }
        return text.append(" in ").append(candidate.result.method().shortName()).toString();
    }

    private static String ruleName(MethodRef method, Set<String> taken) {
        String simple = Origin.simpleName(method.owner());
        simple = simple.substring(simple.lastIndexOf('$') + 1);
        String base = simple + "-" + method.name();
        String name = base.replaceAll("[^A-Za-z0-9_-]", "_");
        for (int n = 2; !taken.add(name); n++) {
            name = base + "-" + n;
        }
        return name;
    }
}
