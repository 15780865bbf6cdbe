package dev.baton.scan.suggest;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;

/**
 * The data-flow semantics of one method for ASM's {@link org.objectweb.asm.tree.analysis.Analyzer}: where each value
 * comes from (arguments, receiver, fields and getters of either, call results), which path operations keep a
 * place's identity, and which values carry a check's outcome.
 */
final class FlowInterpreter extends Interpreter<Sym> {
    private final MethodNode method;
    private final Map<Integer, Integer> argumentOfSlot = new HashMap<>();
    private final Map<Integer, String> parameterNames = new HashMap<>();
    private final Function<MethodInsnNode, Summary> summaries;
    /** Objects built in this method by scanned constructors: "@site" -> field -> origins it was set from. */
    private final Map<String, Map<String, Set<Origin>>> siteFields = new HashMap<>();

    FlowInterpreter(MethodNode method, Function<MethodInsnNode, Summary> summaries) {
        super(Opcodes.ASM9);
        this.method = method;
        this.summaries = summaries;
        int slot = (method.access & Opcodes.ACC_STATIC) != 0 ? 0 : 1;
        Type[] arguments = Type.getArgumentTypes(method.desc);
        for (int i = 0; i < arguments.length; i++) {
            argumentOfSlot.put(slot, i);
            slot += arguments[i].getSize();
        }
        if (method.localVariables != null) {
            for (LocalVariableNode local : method.localVariables) {
                Integer argument = argumentOfSlot.get(local.index);
                if (argument != null) {
                    parameterNames.putIfAbsent(argument, local.name);
                }
            }
        }
    }

    /** The parameter's name from the debug information, for reasons; argN when the class has none. */
    String parameterName(int argument) {
        return parameterNames.getOrDefault(argument, "arg" + argument);
    }

    @Override
    public Sym newValue(Type type) {
        if (type == null) {
            return Sym.UNINITIALIZED;
        }
        if (type.getSort() == Type.VOID) {
            return null;
        }
        return Sym.of(type.getDescriptor());
    }

    @Override
    public Sym newParameterValue(boolean isInstanceMethod, int local, Type type) {
        String desc = type.getDescriptor();
        if (isInstanceMethod && local == 0) {
            return Sym.of(desc, Set.of(Origin.receiver(desc)));
        }
        Integer argument = argumentOfSlot.get(local);
        if (argument == null) {
            return newValue(type);
        }
        String name = parameterName(argument);
        return Sym.of(desc, Set.of(new Origin("arg" + argument, desc, name)));
    }

    @Override
    public Sym newEmptyValue(int local) {
        return Sym.UNINITIALIZED;
    }

    @Override
    public Sym newExceptionValue(TryCatchBlockNode handler, Frame<Sym> handlerFrame, Type exceptionType) {
        return Sym.of(exceptionType.getDescriptor());
    }

    @Override
    public Sym newOperation(AbstractInsnNode insn) {
        switch (insn.getOpcode()) {
            case Opcodes.ACONST_NULL:
                return Sym.of("Ljava/lang/Object;");
            case Opcodes.ICONST_0:
                return Sym.zero("I");
            case Opcodes.LCONST_0:
                return Sym.zero("J");
            case Opcodes.FCONST_0:
                return Sym.zero("F");
            case Opcodes.DCONST_0:
                return Sym.zero("D");
            case Opcodes.ICONST_M1: case Opcodes.ICONST_1: case Opcodes.ICONST_2: case Opcodes.ICONST_3:
            case Opcodes.ICONST_4: case Opcodes.ICONST_5:
                return Sym.of("I");
            case Opcodes.LCONST_1:
                return Sym.of("J");
            case Opcodes.FCONST_1: case Opcodes.FCONST_2:
                return Sym.of("F");
            case Opcodes.DCONST_1:
                return Sym.of("D");
            case Opcodes.BIPUSH: case Opcodes.SIPUSH:
                return ((IntInsnNode) insn).operand == 0 ? Sym.zero("I") : Sym.of("I");
            case Opcodes.LDC:
                return constant(((LdcInsnNode) insn).cst);
            case Opcodes.JSR:
                return Sym.of("I");
            case Opcodes.GETSTATIC: {
                FieldInsnNode field = (FieldInsnNode) insn;
                return Sym.of(field.desc, Set.of(Origin.staticField(field.owner, field.name, field.desc)));
            }
            case Opcodes.NEW:
                return Sym.allocated("L" + ((TypeInsnNode) insn).desc + ";", index(insn));
            default:
                throw new IllegalStateException("opcode " + insn.getOpcode());
        }
    }

    private static Sym constant(Object value) {
        if (value instanceof String text) {
            return Sym.of("Ljava/lang/String;", Set.of(Origin.constant(text)));
        }
        if (value instanceof Integer i) {
            return i == 0 ? Sym.zero("I") : Sym.of("I");
        }
        if (value instanceof Long l) {
            return l == 0 ? Sym.zero("J") : Sym.of("J");
        }
        if (value instanceof Float) {
            return Sym.of("F");
        }
        if (value instanceof Double) {
            return Sym.of("D");
        }
        if (value instanceof Type type) {
            return Sym.of(type.getSort() == Type.METHOD ? "Ljava/lang/invoke/MethodType;" : "Ljava/lang/Class;");
        }
        if (value instanceof Handle) {
            return Sym.of("Ljava/lang/invoke/MethodHandle;");
        }
        return Sym.of("Ljava/lang/Object;");
    }

    @Override
    public Sym copyOperation(AbstractInsnNode insn, Sym value) {
        return value;
    }

    @Override
    public Sym unaryOperation(AbstractInsnNode insn, Sym value) {
        int opcode = insn.getOpcode();
        switch (opcode) {
            case Opcodes.INEG: case Opcodes.IINC: case Opcodes.I2B: case Opcodes.I2C: case Opcodes.I2S:
                return Sym.of("I").withChecks(value.checks);
            case Opcodes.L2I: case Opcodes.F2I: case Opcodes.D2I:
                return Sym.of("I").withChecks(value.checks);
            case Opcodes.LNEG: case Opcodes.I2L: case Opcodes.F2L: case Opcodes.D2L:
                return Sym.of("J").withChecks(value.checks);
            case Opcodes.FNEG: case Opcodes.I2F: case Opcodes.L2F: case Opcodes.D2F:
                return Sym.of("F");
            case Opcodes.DNEG: case Opcodes.I2D: case Opcodes.L2D: case Opcodes.F2D:
                return Sym.of("D");
            case Opcodes.GETFIELD: {
                FieldInsnNode field = (FieldInsnNode) insn;
                return Sym.of(field.desc, members(value, field.name, field.desc));
            }
            case Opcodes.NEWARRAY:
                return Sym.of("[" + primitiveArray(((IntInsnNode) insn).operand));
            case Opcodes.ANEWARRAY:
                return Sym.of("[" + Type.getObjectType(((TypeInsnNode) insn).desc).getDescriptor());
            case Opcodes.ARRAYLENGTH:
                return Sym.of("I").withChecks(value.checks);
            case Opcodes.CHECKCAST: {
                String desc = Type.getObjectType(((TypeInsnNode) insn).desc).getDescriptor();
                return new Sym(1, desc, value.origins, value.checks, false, value.newSite);
            }
            case Opcodes.INSTANCEOF:
                return Sym.of("Z");
            default:
                // Jumps, switches, returns, throws, monitors, PUTSTATIC: no result.
                return null;
        }
    }

    private static String primitiveArray(int type) {
        return switch (type) {
            case Opcodes.T_BOOLEAN -> "Z";
            case Opcodes.T_CHAR -> "C";
            case Opcodes.T_BYTE -> "B";
            case Opcodes.T_SHORT -> "S";
            case Opcodes.T_INT -> "I";
            case Opcodes.T_FLOAT -> "F";
            case Opcodes.T_DOUBLE -> "D";
            default -> "J";
        };
    }

    @Override
    public Sym binaryOperation(AbstractInsnNode insn, Sym left, Sym right) {
        int opcode = insn.getOpcode();
        switch (opcode) {
            case Opcodes.LCMP: case Opcodes.FCMPL: case Opcodes.FCMPG: case Opcodes.DCMPL: case Opcodes.DCMPG:
                // size > 0: comparing with zero keeps what a size says; with anything else it is unknown.
                if (right.zero) {
                    return Sym.of("I").withChecks(left.checks);
                }
                if (left.zero) {
                    return Sym.of("I").withChecks(right.checks);
                }
                return Sym.of("I").withChecks(blurred(left, right));
            case Opcodes.IALOAD: case Opcodes.BALOAD: case Opcodes.CALOAD: case Opcodes.SALOAD:
                return Sym.of("I");
            case Opcodes.LALOAD:
                return Sym.of("J");
            case Opcodes.FALOAD:
                return Sym.of("F");
            case Opcodes.DALOAD:
                return Sym.of("D");
            case Opcodes.AALOAD: {
                // An element of an array of paths (a listing) names a place inside the listed directory.
                String component = left.desc != null && left.desc.startsWith("[") ? left.desc.substring(1)
                        : "Ljava/lang/Object;";
                return Sym.of(component, left.origins);
            }
            case Opcodes.IF_ICMPEQ: case Opcodes.IF_ICMPNE: case Opcodes.IF_ICMPLT: case Opcodes.IF_ICMPGE:
            case Opcodes.IF_ICMPGT: case Opcodes.IF_ICMPLE: case Opcodes.IF_ACMPEQ: case Opcodes.IF_ACMPNE:
            case Opcodes.PUTFIELD:
                return null;
            case Opcodes.LADD: case Opcodes.LSUB: case Opcodes.LMUL: case Opcodes.LDIV: case Opcodes.LREM:
            case Opcodes.LSHL: case Opcodes.LSHR: case Opcodes.LUSHR: case Opcodes.LAND: case Opcodes.LOR:
            case Opcodes.LXOR:
                return Sym.of("J").withChecks(blurred(left, right));
            case Opcodes.FADD: case Opcodes.FSUB: case Opcodes.FMUL: case Opcodes.FDIV: case Opcodes.FREM:
                return Sym.of("F");
            case Opcodes.DADD: case Opcodes.DSUB: case Opcodes.DMUL: case Opcodes.DDIV: case Opcodes.DREM:
                return Sym.of("D");
            default:
                return Sym.of("I").withChecks(blurred(left, right));
        }
    }

    private static Map<Integer, Meaning> blurred(Sym left, Sym right) {
        Map<Integer, Meaning> both = Sym.mergeChecks(left.checks, right.checks);
        if (both.isEmpty()) {
            return both;
        }
        Map<Integer, Meaning> unknown = new LinkedHashMap<>();
        both.keySet().forEach(site -> unknown.put(site, Meaning.UNKNOWN));
        return unknown;
    }

    @Override
    public Sym ternaryOperation(AbstractInsnNode insn, Sym first, Sym second, Sym third) {
        return null;
    }

    @Override
    public Sym naryOperation(AbstractInsnNode insn, List<? extends Sym> values) throws AnalyzerException {
        if (insn instanceof MultiANewArrayInsnNode array) {
            return Sym.of(array.desc);
        }
        if (insn instanceof InvokeDynamicInsnNode indy) {
            return dynamic(indy, values);
        }
        MethodInsnNode call = (MethodInsnNode) insn;
        Type returnType = Type.getReturnType(call.desc);
        if (returnType.getSort() == Type.VOID) {
            return null;
        }
        return result(call, values, returnType.getDescriptor());
    }

    /** String concatenation keeps the origin of a path it starts with ({@code dir + "/" + name}). */
    private static Sym dynamic(InvokeDynamicInsnNode indy, List<? extends Sym> values) {
        String desc = Type.getReturnType(indy.desc).getDescriptor();
        if (desc.equals("V")) {
            return null;
        }
        if (indy.name.equals("makeConcatWithConstants") && indy.bsmArgs.length > 0
                && indy.bsmArgs[0] instanceof String recipe && recipe.startsWith("\u0001") && !values.isEmpty()) {
            return Sym.of(desc, values.get(0).origins);
        }
        return Sym.of(desc);
    }

    private Sym result(MethodInsnNode call, List<? extends Sym> values, String desc) {
        boolean isStatic = call.getOpcode() == Opcodes.INVOKESTATIC;
        Sym receiver = isStatic || values.isEmpty() ? null : values.get(0);
        for (KnownCalls.Spec spec : KnownCalls.lookup(call.owner, call.name, call.desc)) {
            switch (spec.role()) {
                case CHECK: {
                    Sym checked = argument(values, spec.args()[0]);
                    // A listing names the places inside the listed directory.
                    Set<Origin> origins = desc.length() > 1 && checked != null ? checked.origins : Set.of();
                    return Sym.of(desc, origins).withChecks(Map.of(index(call), spec.meaning()));
                }
                case PATH: {
                    Sym from = argument(values, spec.args()[0]);
                    return Sym.of(desc, from == null ? Set.of() : from.origins);
                }
                case ABSORB:
                    if (isStatic) {
                        Sym all = Sym.of(desc);
                        for (Sym value : values) {
                            all = all.absorb(value);
                        }
                        return all;
                    }
                    return desc.equals("L" + call.owner + ";") && receiver != null ? absorbed(call, values)
                            : Sym.of(desc);
                default:
                    break;
            }
        }
        if (receiver != null && (call.owner.equals("java/lang/StringBuilder")
                || call.owner.equals("java/lang/StringBuffer"))) {
            if (call.name.equals("append")) {
                // The first text appended is where a path built this way starts.
                return receiver.origins.isEmpty() && values.size() > 1 ? receiver.absorb(values.get(1)) : receiver;
            }
            return Sym.of(desc, receiver.origins);
        }
        if (receiver != null && (call.name.equals("toString") && call.desc.equals("()Ljava/lang/String;")
                || call.owner.equals("java/lang/String") && desc.equals("Ljava/lang/String;"))) {
            return Sym.of(desc, receiver.origins);
        }
        if (receiver != null && !receiver.checks.isEmpty() && collectionLike(call.owner)) {
            // A listing's size, emptiness, iterator, elements: the same check's outcome, the same places.
            Map<Integer, Meaning> checks = call.name.equals("isEmpty")
                    ? receiver.checksAs(Meaning::emptiness) : receiver.checks;
            return Sym.of(desc, desc.length() > 1 ? receiver.origins : Set.of()).withChecks(checks);
        }
        if (receiver != null && collectionLike(call.owner) && desc.length() > 1 && !call.name.equals("toArray")) {
            return Sym.of(desc, receiver.origins);
        }
        return fromCallee(call, values, receiver, desc);
    }

    private Sym fromCallee(MethodInsnNode call, List<? extends Sym> values, Sym receiver, String desc) {
        Summary summary = summaries.apply(call);
        boolean getter = receiver != null && getterProperty(call) != null;
        Set<Origin> origins = new LinkedHashSet<>();
        if (getter && (summary.returns().isEmpty() || summary.returnsOwnField())) {
            origins.addAll(members(receiver, getterProperty(call), desc));
        } else {
            origins.addAll(rebaseAll(summary.returns(), call, values));
            origins = new LinkedHashSet<>(resolve(origins));
        }
        Map<Integer, Meaning> checks = Map.of();
        if (!summary.returnChecks().isEmpty()) {
            Meaning meaning = null;
            for (Meaning m : summary.returnChecks().values()) {
                meaning = Meaning.combine(meaning, m);
            }
            checks = Map.of(index(call), meaning);
        }
        if (origins.isEmpty() && desc.length() > 1) {
            origins.add(Origin.site(index(call), desc, label(call, receiver)));
        }
        return Sym.of(desc, origins).withChecks(checks);
    }

    /** A value built by a constructor: a path from its parent, a builder from its parts, else a new place. */
    Sym constructed(MethodInsnNode init, List<Sym> values) {
        String desc = "L" + init.owner + ";";
        for (KnownCalls.Spec spec : KnownCalls.lookup(init.owner, init.name, init.desc)) {
            if (spec.role() == KnownCalls.Role.PATH) {
                Sym from = argument(values, spec.args()[0]);
                return Sym.of(desc, from == null ? Set.of() : from.origins);
            }
            if (spec.role() == KnownCalls.Role.ABSORB) {
                // A collection gets its own place, so two empty lists are not one value; a builder gets none,
                // since the first text appended to it names the place it builds.
                boolean builder = init.owner.startsWith("java/lang/StringBu");
                Sym built = builder ? Sym.of(desc)
                        : Sym.of(desc, Set.of(Origin.site(index(init), desc, "new " + Origin.simpleName(init.owner))));
                for (int i = 1; i < values.size(); i++) {
                    built = built.absorb(values.get(i));
                }
                return built;
            }
        }
        Origin site = Origin.site(index(init), desc, "new " + Origin.simpleName(init.owner) + "(…)");
        Map<String, Set<Origin>> fields = new HashMap<>();
        summaries.apply(init).fieldInits().forEach((field, relative) -> {
            Set<Origin> mapped = rebaseAll(relative, init, values);
            if (!mapped.isEmpty()) {
                fields.put(field, mapped);
            }
        });
        if (!fields.isEmpty()) {
            siteFields.put(site.expr(), fields);
        }
        return Sym.of(desc, Set.of(site));
    }

    /**
     * Origins in this method's best terms: a member of an object built here by a scanned constructor
     * ({@code @12.installConfig.installDirectory}) becomes what the constructor set that field from
     * ({@code this.config.installDirectory}).
     */
    Set<Origin> resolve(Set<Origin> origins) {
        if (siteFields.isEmpty()) {
            return origins;
        }
        Set<Origin> resolved = new LinkedHashSet<>();
        for (Origin origin : origins) {
            String expr = origin.expr();
            int dot = expr.indexOf('.');
            Map<String, Set<Origin>> fields = expr.startsWith("@") && dot > 0 ? siteFields.get(expr.substring(0, dot))
                    : null;
            int next = dot < 0 ? -1 : expr.indexOf('.', dot + 1);
            String field = dot < 0 ? null : next < 0 ? expr.substring(dot + 1) : expr.substring(dot + 1, next);
            Set<Origin> bases = fields == null ? null : fields.get(field);
            if (bases == null) {
                resolved.add(origin);
                continue;
            }
            String rest = next < 0 ? "" : expr.substring(next);
            for (Origin base : bases) {
                Origin mapped = base.tracked() ? base.rebase(new Origin("this" + rest, origin.desc(), origin.label()))
                        : null;
                if (mapped != null) {
                    resolved.add(mapped);
                }
            }
        }
        return resolved;
    }

    /** {@link #rebaseAll}, then {@link #resolve}: a callee's origins in this method's best terms. */
    Set<Origin> mapped(Set<Origin> relative, MethodInsnNode call, List<? extends Sym> values) {
        return resolve(rebaseAll(relative, call, values));
    }

    /** The receiver after a call that stores its arguments in it (list.add(path), builder.directory(dir)). */
    Sym absorbed(MethodInsnNode call, List<? extends Sym> values) {
        Sym receiver = values.get(0);
        for (int i = 1; i < values.size(); i++) {
            receiver = receiver.absorb(values.get(i));
        }
        return receiver;
    }

    /** Origins of callee-relative origins ({@code arg1}, {@code this.dir}) in this method's terms. */
    static Set<Origin> rebaseAll(Set<Origin> relative, MethodInsnNode call, List<? extends Sym> values) {
        Set<Origin> mapped = new LinkedHashSet<>();
        boolean isStatic = call.getOpcode() == Opcodes.INVOKESTATIC;
        for (Origin origin : relative) {
            int position;
            if (origin.expr().startsWith("this")) {
                if (isStatic) {
                    continue;
                }
                position = 0;
            } else {
                position = origin.argumentIndex() + (isStatic ? 0 : 1);
            }
            if (position < 0 || position >= values.size()) {
                continue;
            }
            for (Origin base : values.get(position).origins) {
                Origin rebased = base.tracked() ? base.rebase(origin) : null;
                if (rebased != null) {
                    mapped.add(rebased);
                }
            }
        }
        return mapped;
    }

    private Set<Origin> members(Sym base, String name, String desc) {
        Set<Origin> members = new LinkedHashSet<>();
        for (Origin origin : base.origins) {
            Origin member = origin.tracked() ? origin.member(name, desc) : null;
            if (member != null) {
                members.add(member);
            }
        }
        return resolve(members);
    }

    /** {@code getDistribution()} -> "distribution", {@code isReady()} -> "isReady"; null if not a getter. */
    static String getterProperty(MethodInsnNode call) {
        if (!call.desc.startsWith("()") || call.desc.endsWith(")V") || call.getOpcode() == Opcodes.INVOKESTATIC) {
            return null;
        }
        String name = call.name;
        if (name.length() > 3 && name.startsWith("get") && Character.isUpperCase(name.charAt(3))) {
            return Character.toLowerCase(name.charAt(3)) + name.substring(4);
        }
        if (name.length() > 2 && name.startsWith("is") && Character.isUpperCase(name.charAt(2))) {
            return name;
        }
        return null;
    }

    private static boolean collectionLike(String owner) {
        return owner.startsWith("java/util/") || owner.equals("java/nio/file/DirectoryStream")
                || owner.equals("java/lang/Iterable");
    }

    private static String label(MethodInsnNode call, Sym receiver) {
        String prefix = receiver != null && !receiver.origins.isEmpty()
                ? receiver.origins.iterator().next().label() + "." : Origin.simpleName(call.owner) + ".";
        if (prefix.length() > 60) {
            prefix = "…" + prefix.substring(prefix.length() - 59);
        }
        return prefix + call.name + (call.desc.startsWith("()") ? "()" : "(…)");
    }

    private static Sym argument(List<? extends Sym> values, int position) {
        return position < values.size() ? values.get(position) : null;
    }

    int index(AbstractInsnNode insn) {
        return method.instructions.indexOf(insn);
    }

    @Override
    public void returnOperation(AbstractInsnNode insn, Sym value, Sym expected) {
        // Returns are read from the frames afterwards.
    }

    @Override
    public Sym merge(Sym value1, Sym value2) {
        return value1.merge(value2);
    }
}
