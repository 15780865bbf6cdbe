package dev.baton.scan.suggest;

import java.util.ArrayList;
import java.util.List;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;

/**
 * A frame that updates a value in place where the JVM mutates an object: after a constructor every copy of the new
 * object (the one stored in a local, the one still on the stack) becomes the constructed value, and after
 * {@code list.add(path)}, {@code builder.directory(dir)} or {@code array[i] = path} the container carries the
 * element's origins.
 */
final class FlowFrame extends Frame<Sym> {
    FlowFrame(int locals, int stack) {
        super(locals, stack);
    }

    FlowFrame(Frame<? extends Sym> frame) {
        super(frame);
    }

    @Override
    public void execute(AbstractInsnNode insn, Interpreter<Sym> interpreter) throws AnalyzerException {
        FlowInterpreter flow = (FlowInterpreter) interpreter;
        if (insn.getOpcode() == Opcodes.AASTORE) {
            Sym array = getStack(getStackSize() - 3);
            Sym element = getStack(getStackSize() - 1);
            super.execute(insn, interpreter);
            replace(array, array.absorb(element));
            return;
        }
        if (!(insn instanceof MethodInsnNode call) || call.getOpcode() == Opcodes.INVOKESTATIC) {
            super.execute(insn, interpreter);
            return;
        }
        List<Sym> values = operands(call);
        Sym receiver = values.get(0);
        if (call.name.equals("<init>")) {
            Sym built = receiver.newSite >= 0 ? flow.constructed(call, values) : null;
            super.execute(insn, interpreter);
            if (built != null) {
                replace(receiver, built);
            }
            return;
        }
        Sym updated = null;
        if (isAbsorbing(call)) {
            updated = flow.absorbed(call, values);
        } else if (call.name.equals("append") && receiver.origins.isEmpty() && values.size() > 1
                && (call.owner.equals("java/lang/StringBuilder") || call.owner.equals("java/lang/StringBuffer"))) {
            updated = receiver.absorb(values.get(1));
        }
        super.execute(insn, interpreter);
        if (updated != null && !updated.equals(receiver)) {
            replace(receiver, updated);
        }
    }

    private static boolean isAbsorbing(MethodInsnNode call) {
        for (KnownCalls.Spec spec : KnownCalls.lookup(call.owner, call.name, call.desc)) {
            if (spec.role() == KnownCalls.Role.ABSORB) {
                return true;
            }
        }
        return false;
    }

    /** The receiver and arguments of a call, from the operand stack, receiver first. */
    List<Sym> operands(MethodInsnNode call) {
        int count = Type.getArgumentTypes(call.desc).length + (call.getOpcode() == Opcodes.INVOKESTATIC ? 0 : 1);
        List<Sym> values = new ArrayList<>(count);
        for (int i = getStackSize() - count; i < getStackSize(); i++) {
            values.add(getStack(i));
        }
        return values;
    }

    private void replace(Sym old, Sym updated) {
        for (int i = 0; i < getLocals(); i++) {
            if (old.equals(getLocal(i))) {
                setLocal(i, updated);
            }
        }
        for (int i = 0; i < getStackSize(); i++) {
            if (old.equals(getStack(i))) {
                setStack(i, updated);
            }
        }
    }
}
