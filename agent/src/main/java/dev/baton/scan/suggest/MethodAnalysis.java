package dev.baton.scan.suggest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;

import dev.baton.scan.suggest.Meaning.Outcome;

/**
 * Analyses one method: runs the data flow, then reads the frames for the checks and acts it makes (itself or
 * through scanned callees), the branches on check outcomes, what it returns, and the check-then-act pairs.
 */
final class MethodAnalysis {
    private static final Set<String> VISITOR_METHODS = Set.of("visitFile", "preVisitDirectory", "postVisitDirectory");

    private final CodeBase code;
    private final FlowAnalysis flow;
    private final MethodRef ref;
    private final MethodNode method;
    private final String sourceFile;
    private int[] lines;
    private List<Set<Integer>> successors;
    private FlowInterpreter interpreter;
    /** Per branch: what each side reaches (target side, fall-through side), computed once. */
    private final Map<Branch, BitSet[]> sides = new java.util.HashMap<>();

    /** A conditional jump on a value that carries check outcomes. */
    private record Branch(int insn, int target, int fallThrough, int opcode, Map<Integer, Meaning> checks) {
        /** if_icmp / if_acmp: compares two values, so a check's meaning says nothing about the sides. */
        boolean compares() {
            return opcode >= Opcodes.IF_ICMPEQ && opcode <= Opcodes.IF_ACMPNE;
        }
    }

    MethodAnalysis(CodeBase code, FlowAnalysis flow, MethodRef ref, MethodNode method, String sourceFile) {
        this.code = code;
        this.flow = flow;
        this.ref = ref;
        this.method = method;
        this.sourceFile = sourceFile;
    }

    MethodResult run() {
        interpreter = new FlowInterpreter(method, flow::callSummary);
        int size = method.instructions.size();
        successors = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            successors.add(new LinkedHashSet<>(2));
        }
        Analyzer<Sym> analyzer = new Analyzer<>(interpreter) {
            @Override
            protected Frame<Sym> newFrame(int numLocals, int numStack) {
                return new FlowFrame(numLocals, numStack);
            }

            @Override
            protected Frame<Sym> newFrame(Frame<? extends Sym> frame) {
                return new FlowFrame(frame);
            }

            @Override
            protected void newControlFlowEdge(int insn, int successor) {
                successors.get(insn).add(successor);
            }
        };
        Frame<Sym>[] frames;
        try {
            frames = analyzer.analyze(ref.owner(), method);
        } catch (AnalyzerException | RuntimeException unanalysable) {
            // Code this analysis cannot follow (old jsr/ret subroutines, broken frames): no facts, no findings.
            return MethodResult.empty(ref);
        }
        lines = lines();
        // Writes are downloads (extraction) when this method itself reads the network (an archive); an act made by a
        // callee keeps the kind it had there.
        boolean network = false;
        boolean archive = false;
        for (AbstractInsnNode insn : method.instructions) {
            if (insn instanceof MethodInsnNode call) {
                network |= KnownCalls.network(call.owner, call.name);
                archive |= KnownCalls.archive(call.owner);
            } else if (insn instanceof TypeInsnNode type && type.getOpcode() == Opcodes.NEW) {
                archive |= KnownCalls.archive(type.desc);
            }
        }
        List<Effect> effects = new ArrayList<>();
        List<Effect> imported = new ArrayList<>();
        List<Branch> branches = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            AbstractInsnNode insn = method.instructions.get(i);
            FlowFrame frame = (FlowFrame) frames[i];
            if (frame == null) {
                continue;
            }
            if (insn instanceof MethodInsnNode call) {
                effectsOfCall(i, call, frame.operands(call), network, archive, effects, imported);
            } else if (insn instanceof JumpInsnNode jump) {
                Branch branch = branch(i, jump, frame);
                if (branch != null) {
                    branches.add(branch);
                }
            }
        }
        Summary summary = summary(frames, effects, branches);
        List<Pair> pairs = pairs(branches, effects);
        List<Effect> importedChecks = new ArrayList<>();
        for (Effect effect : imported) {
            if (!effect.act()) {
                importedChecks.add(effect);
            }
        }
        return new MethodResult(ref, summary, pairs, importedChecks);
    }

    private void effectsOfCall(int site, MethodInsnNode call, List<Sym> values, boolean network, boolean archive,
            List<Effect> effects, List<Effect> imported) {
        int line = lines[site];
        for (KnownCalls.Spec spec : KnownCalls.lookup(call.owner, call.name, call.desc)) {
            switch (spec.role()) {
                case CHECK -> {
                    Sym checked = at(values, spec.args()[0]);
                    if (checked != null && !checked.origins.isEmpty()) {
                        effects.add(new Effect(false, site, checked.origins, spec.meaning(), null, spec.what(), line,
                                here(line), List.of(), List.of()));
                    }
                }
                case ACT -> {
                    Set<Origin> origins = new LinkedHashSet<>();
                    for (int position : spec.args()) {
                        Sym acted = at(values, position);
                        if (acted != null) {
                            origins.addAll(acted.origins);
                        }
                    }
                    if (!origins.isEmpty()) {
                        effects.add(new Effect(true, site, origins, null, spec.act().in(network, archive),
                                spec.what(), line, here(line), List.of(), sources(call, values)));
                    }
                }
                case WALK -> walk(site, call, values, effects, imported);
                default -> {
                }
            }
        }
        if (!code.contains(call.owner)) {
            return;
        }
        for (MethodRef target : code.targets(call.getOpcode(), call.owner, call.name, call.desc)) {
            Summary summary = flow.summary(target);
            for (Effect effect : summary.effects()) {
                Set<Origin> mapped = interpreter.mapped(effect.origins(), call, values);
                if (!mapped.isEmpty()) {
                    Effect local = new Effect(effect.act(), site, mapped, effect.meaning(), effect.kind(),
                            effect.what(), line, effect.where(), via(target, effect.via()),
                            effect.act() ? merged(effect.sources(), call, values) : List.of());
                    effects.add(local);
                    imported.add(local);
                }
            }
            summary.returnChecks().forEach((origins, meaning) -> {
                Set<Origin> mapped = interpreter.mapped(origins, call, values);
                if (!mapped.isEmpty()) {
                    Effect local = new Effect(false, site, mapped, meaning, null, "", line, here(line),
                            List.of(target), List.of());
                    effects.add(local);
                    imported.add(local);
                }
            });
        }
    }

    /** Files.walkFileTree(dir, visitor): acts on the tree as the visitor's methods act on the paths they get. */
    private void walk(int site, MethodInsnNode call, List<Sym> values, List<Effect> effects, List<Effect> imported) {
        Sym start = at(values, 0);
        Sym visitor = at(values, 1);
        if (start == null || visitor == null || visitor.desc == null || !visitor.desc.startsWith("L")) {
            return;
        }
        String visitorClass = visitor.desc.substring(1, visitor.desc.length() - 1);
        CodeBase.Header header = code.header(visitorClass);
        if (header == null) {
            return;
        }
        for (String method : header.methods().keySet()) {
            int paren = method.indexOf('(');
            if (!VISITOR_METHODS.contains(method.substring(0, paren))) {
                continue;
            }
            MethodRef target = new MethodRef(visitorClass, method.substring(0, paren), method.substring(paren));
            for (Effect effect : flow.summary(target).effects()) {
                if (effect.act() && effect.origins().stream().anyMatch(o -> o.expr().equals("arg0"))) {
                    Effect local = new Effect(true, site, start.origins, null, effect.kind(), effect.what(),
                            lines[site], effect.where(), List.of(target), List.of());
                    effects.add(local);
                    imported.add(local);
                }
            }
        }
    }

    /** URI and URL arguments that a key can name: what a download fetches. */
    private static List<Origin> sources(MethodInsnNode call, List<Sym> values) {
        List<Origin> sources = new ArrayList<>();
        int first = call.getOpcode() == Opcodes.INVOKESTATIC ? 0 : 1;
        for (int i = first; i < values.size(); i++) {
            for (Origin origin : values.get(i).origins) {
                if (origin.keyable() && isLocator(origin.desc()) && !sources.contains(origin)) {
                    sources.add(origin);
                }
            }
        }
        return sources;
    }

    private static boolean isLocator(String desc) {
        return "Ljava/net/URI;".equals(desc) || "Ljava/net/URL;".equals(desc);
    }

    private static List<Origin> merged(List<Origin> calleeSources, MethodInsnNode call, List<Sym> values) {
        List<Origin> sources = new ArrayList<>(sources(call, values));
        for (Origin origin : FlowInterpreter.rebaseAll(new LinkedHashSet<>(calleeSources), call, values)) {
            if (origin.keyable() && !sources.contains(origin)) {
                sources.add(origin);
            }
        }
        return sources;
    }

    private static List<MethodRef> via(MethodRef target, List<MethodRef> rest) {
        List<MethodRef> via = new ArrayList<>(rest.size() + 1);
        via.add(target);
        via.addAll(rest);
        return via.size() > 4 ? via.subList(0, 4) : via;
    }

    private Branch branch(int insn, JumpInsnNode jump, Frame<Sym> frame) {
        int opcode = jump.getOpcode();
        int operands;
        if (opcode >= Opcodes.IFEQ && opcode <= Opcodes.IFLE || opcode == Opcodes.IFNULL
                || opcode == Opcodes.IFNONNULL) {
            operands = 1;
        } else if (opcode >= Opcodes.IF_ICMPEQ && opcode <= Opcodes.IF_ACMPNE) {
            operands = 2;
        } else {
            return null;
        }
        Map<Integer, Meaning> checks = new LinkedHashMap<>();
        for (int i = frame.getStackSize() - operands; i < frame.getStackSize(); i++) {
            frame.getStack(i).checks.forEach((site, meaning) -> {
                if (site != Sym.TOO_MANY_SITE) {
                    checks.merge(site, operands == 1 ? meaning : Meaning.UNKNOWN, Meaning::combine);
                }
            });
        }
        if (checks.isEmpty()) {
            return null;
        }
        return new Branch(insn, method.instructions.indexOf(jump.label), insn + 1, opcode, checks);
    }

    private Summary summary(Frame<Sym>[] frames, List<Effect> effects, List<Branch> branches) {
        Set<Origin> returns = new LinkedHashSet<>();
        Map<Set<Origin>, Meaning> returnChecks = new LinkedHashMap<>();
        for (int i = 0; i < frames.length; i++) {
            int opcode = method.instructions.get(i).getOpcode();
            if (frames[i] == null || opcode < Opcodes.IRETURN || opcode > Opcodes.ARETURN) {
                continue;
            }
            Sym value = frames[i].getStack(frames[i].getStackSize() - 1);
            returns.addAll(relative(value.origins));
            value.checks.forEach((site, meaning) -> {
                for (Effect effect : effects) {
                    if (!effect.act() && effect.site() == site) {
                        Set<Origin> checked = relative(effect.origins());
                        if (!checked.isEmpty()) {
                            returnChecks.merge(checked, meaning, Meaning::combine);
                        }
                    }
                }
            });
        }
        if (Type.getReturnType(method.desc).getSort() == Type.BOOLEAN) {
            returnsTrueOnOneSide(branches, effects, returnChecks);
        }
        List<Effect> exported = new ArrayList<>();
        for (Effect effect : effects) {
            Set<Origin> origins = relative(effect.origins());
            if (origins.isEmpty() || exported.size() >= Summary.MAX_EFFECTS) {
                continue;
            }
            Effect relativeEffect = new Effect(effect.act(), -1, origins, effect.meaning(), effect.kind(),
                    effect.what(), -1, effect.where(), effect.via(), effect.sources());
            if (!exported.contains(relativeEffect)) {
                exported.add(relativeEffect);
            }
        }
        return new Summary(exported, returns, returnChecks, fieldInits(frames));
    }

    /**
     * "Is it installed?": a boolean method that can return true on only one side of a check (true only when the
     * path was there) answers that check, whatever else it looks at before saying yes.
     */
    private void returnsTrueOnOneSide(List<Branch> branches, List<Effect> effects,
            Map<Set<Origin>, Meaning> returnChecks) {
        for (Branch branch : branches) {
            if (branch.compares()) {
                continue;
            }
            BitSet[] reached = sides(branch);
            boolean trueOnTarget = returnsTrue(reached[0]);
            boolean trueOnFall = returnsTrue(reached[1]);
            if (trueOnTarget == trueOnFall) {
                continue;
            }
            boolean truth = trueOnTarget == jumpsWhenTrue(branch);
            branch.checks.forEach((site, meaning) -> {
                Meaning returned = switch (meaning.when(truth)) {
                    case PRESENT -> Meaning.PRESENT_IF_TRUE;
                    case ABSENT -> Meaning.ABSENT_IF_TRUE;
                    case UNKNOWN -> null;
                };
                for (Effect effect : effects) {
                    Set<Origin> checked = relative(effect.origins());
                    if (returned != null && !effect.act() && effect.site() == site && !checked.isEmpty()) {
                        returnChecks.merge(checked, returned, Meaning::combine);
                    }
                }
            });
        }
    }

    private boolean returnsTrue(BitSet reached) {
        for (int i = reached.nextSetBit(0); i >= 0; i = reached.nextSetBit(i + 1)) {
            if (method.instructions.get(i).getOpcode() == Opcodes.IRETURN) {
                AbstractInsnNode value = method.instructions.get(i).getPrevious();
                while (value != null && value.getOpcode() < 0) {
                    value = value.getPrevious();
                }
                if (value == null || value.getOpcode() != Opcodes.ICONST_0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** For constructors: fields set from the arguments ({@code this.installConfig = arg0}). */
    private Map<String, Set<Origin>> fieldInits(Frame<Sym>[] frames) {
        if (!method.name.equals("<init>")) {
            return Map.of();
        }
        Map<String, Set<Origin>> fields = new LinkedHashMap<>();
        for (int i = 0; i < frames.length; i++) {
            AbstractInsnNode insn = method.instructions.get(i);
            if (frames[i] == null || insn.getOpcode() != Opcodes.PUTFIELD) {
                continue;
            }
            Sym object = frames[i].getStack(frames[i].getStackSize() - 2);
            Sym value = frames[i].getStack(frames[i].getStackSize() - 1);
            if (object.origins.contains(Origin.receiver(null))) {
                Set<Origin> from = relative(value.origins);
                if (!from.isEmpty()) {
                    fields.put(((org.objectweb.asm.tree.FieldInsnNode) insn).name, from);
                }
            }
        }
        return fields;
    }

    private static Set<Origin> relative(Set<Origin> origins) {
        Set<Origin> relative = new LinkedHashSet<>();
        for (Origin origin : origins) {
            if (origin.keyable()) {
                relative.add(origin);
            }
        }
        return relative;
    }

    /** For each branch on a check, the acts on the checked place that only one side of the branch reaches. */
    private List<Pair> pairs(List<Branch> branches, List<Effect> effects) {
        Map<String, Pair> pairs = new LinkedHashMap<>();
        for (Branch branch : branches) {
            BitSet fromTarget = sides(branch)[0];
            BitSet fromFall = sides(branch)[1];
            boolean jumpIsTrue = jumpsWhenTrue(branch);
            for (Map.Entry<Integer, Meaning> check : branch.checks.entrySet()) {
                for (Effect checkEffect : effects) {
                    if (checkEffect.act() || checkEffect.site() != check.getKey()) {
                        continue;
                    }
                    List<Effect> onTargetOnly = new ArrayList<>();
                    List<Effect> onFallOnly = new ArrayList<>();
                    for (Effect act : effects) {
                        if (act.act() && act.relatesTo(checkEffect.origins())
                                && fromTarget.get(act.site()) != fromFall.get(act.site())) {
                            (fromTarget.get(act.site()) ? onTargetOnly : onFallOnly).add(act);
                        }
                    }
                    if (!onTargetOnly.isEmpty() && !onFallOnly.isEmpty()) {
                        // Both sides act on the place, differently (a directory is deleted one way, a file another):
                        // the check chooses how, not whether, so it guards nothing.
                        continue;
                    }
                    boolean onTarget = !onTargetOnly.isEmpty();
                    boolean truth = onTarget == jumpIsTrue;
                    Outcome outcome = branch.compares() ? Outcome.UNKNOWN : check.getValue().when(truth);
                    boolean validation = !returns(onTarget ? fromFall : fromTarget);
                    for (Effect act : onTarget ? onTargetOnly : onFallOnly) {
                        Pair pair = new Pair(checkEffect, act, outcome, validation, lines[branch.insn]);
                        String id = checkEffect.site() + ":" + act.site() + ":" + act.what();
                        Pair known = pairs.get(id);
                        if (known == null || known.validation() && !validation) {
                            pairs.put(id, pair);
                        }
                    }
                }
            }
        }
        return new ArrayList<>(pairs.values());
    }

    /** The jump is taken when the value is true (non-zero, non-null). */
    private static boolean jumpsWhenTrue(Branch branch) {
        return branch.opcode == Opcodes.IFNE || branch.opcode == Opcodes.IFNONNULL || branch.opcode == Opcodes.IFGT;
    }

    private BitSet[] sides(Branch branch) {
        return this.sides.computeIfAbsent(branch, b -> new BitSet[] {reachable(b.target, b.insn),
            reachable(b.fallThrough, b.insn)});
    }

    /** Instructions reachable from {@code start} without passing through {@code avoided} (normal edges only). */
    private BitSet reachable(int start, int avoided) {
        BitSet seen = new BitSet(successors.size());
        ArrayDeque<Integer> pending = new ArrayDeque<>();
        if (start < successors.size() && start != avoided) {
            pending.add(start);
            seen.set(start);
        }
        while (!pending.isEmpty()) {
            for (int next : successors.get(pending.poll())) {
                if (next != avoided && !seen.get(next)) {
                    seen.set(next);
                    pending.add(next);
                }
            }
        }
        return seen;
    }

    private boolean returns(BitSet reached) {
        for (int i = reached.nextSetBit(0); i >= 0; i = reached.nextSetBit(i + 1)) {
            int opcode = method.instructions.get(i).getOpcode();
            if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
                return true;
            }
        }
        return false;
    }

    private int[] lines() {
        int[] result = new int[method.instructions.size()];
        int line = -1;
        for (int i = 0; i < result.length; i++) {
            AbstractInsnNode insn = method.instructions.get(i);
            if (insn instanceof LineNumberNode number) {
                line = number.line;
            }
            result[i] = line;
        }
        return result;
    }

    private String here(int line) {
        String file = sourceFile != null ? sourceFile : Origin.simpleName(ref.owner()) + ".class";
        return line > 0 ? file + ":" + line : file;
    }

    private static Sym at(List<Sym> values, int position) {
        return position < values.size() ? values.get(position) : null;
    }
}
