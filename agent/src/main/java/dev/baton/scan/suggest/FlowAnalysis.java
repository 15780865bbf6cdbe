package dev.baton.scan.suggest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Analyses the scanned methods on demand, callees before callers, and remembers what each one does (its
 * {@link MethodResult}). A method still being analysed when a callee calls back (recursion) counts as doing nothing
 * for that caller; very deep call chains are cut off the same way.
 */
final class FlowAnalysis {
    private static final int MAX_DEPTH = 24;

    private final CodeBase code;
    private final Map<MethodRef, MethodResult> results = new HashMap<>();
    private final Map<String, Summary> callSummaries = new HashMap<>();
    private final Set<MethodRef> inProgress = new HashSet<>();
    private int analysed;

    FlowAnalysis(CodeBase code) {
        this.code = code;
    }

    /** The result for a method, analysing it (and the callees it needs) the first time. */
    MethodResult result(MethodRef ref) {
        MethodResult known = results.get(ref);
        if (known != null) {
            return known;
        }
        if (inProgress.contains(ref) || inProgress.size() >= MAX_DEPTH) {
            return MethodResult.empty(ref);
        }
        MethodNode method = code.method(ref);
        MethodResult result;
        if (method == null || method.instructions.size() == 0) {
            result = MethodResult.empty(ref);
        } else {
            inProgress.add(ref);
            try {
                result = new MethodAnalysis(code, this, ref, method, code.node(ref.owner()).sourceFile).run();
                analysed++;
            } finally {
                inProgress.remove(ref);
            }
        }
        results.put(ref, result);
        return result;
    }

    Summary summary(MethodRef ref) {
        return result(ref).summary();
    }

    /** What a call may do: the union of the summaries of every scanned method it may run. */
    Summary callSummary(MethodInsnNode call) {
        if (!code.contains(call.owner)) {
            return Summary.EMPTY;
        }
        String key = call.getOpcode() + " " + call.owner + "." + call.name + call.desc;
        Summary known = callSummaries.get(key);
        if (known != null) {
            return known;
        }
        List<MethodRef> targets = code.targets(call.getOpcode(), call.owner, call.name, call.desc);
        Summary union;
        if (targets.size() == 1) {
            union = summary(targets.get(0));
        } else {
            List<Effect> effects = new ArrayList<>();
            Set<Origin> returns = new LinkedHashSet<>();
            Map<Set<Origin>, Meaning> returnChecks = new HashMap<>();
            for (MethodRef target : targets) {
                Summary summary = summary(target);
                for (Effect effect : summary.effects()) {
                    if (effects.size() < Summary.MAX_EFFECTS && !effects.contains(effect)) {
                        effects.add(effect);
                    }
                }
                returns.addAll(summary.returns());
                summary.returnChecks().forEach((origins, meaning) -> returnChecks.merge(origins, meaning,
                        Meaning::combine));
            }
            union = new Summary(effects, returns, returnChecks, Map.of());
        }
        // Only a complete answer is remembered: one computed while a target was still in progress may be partial.
        if (inProgress.isEmpty() || targets.stream().noneMatch(inProgress::contains)) {
            callSummaries.put(key, union);
        }
        return union;
    }

    /**
     * Every concrete method of the scanned classes that may check or act on a file, analysed (with the callees they
     * need); the others cannot hold a check-then-act.
     */
    List<MethodResult> all() {
        List<MethodResult> all = new ArrayList<>();
        for (String className : code.classNames()) {
            CodeBase.Header header = code.header(className);
            for (Map.Entry<String, Integer> method : header.methods().entrySet()) {
                int access = method.getValue();
                if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
                    continue;
                }
                String signature = method.getKey();
                int paren = signature.indexOf('(');
                MethodRef ref = new MethodRef(className, signature.substring(0, paren), signature.substring(paren));
                if (code.touchesFiles(ref)) {
                    all.add(result(ref));
                }
            }
        }
        return all;
    }

    int analysedCount() {
        return analysed;
    }
}
