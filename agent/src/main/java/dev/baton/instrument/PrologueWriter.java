package dev.baton.instrument;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Writes the prologue described in {@code dev.baton.bridge.Intercept} before a method's original code, which stays
 * byte for byte as it was. No locals, fields or methods are added, so loaded JDK classes can be retransformed.
 *
 * <p>Stack map frames: the prologue only branches forward to two labels whose locals are exactly the method's
 * entry locals, so compressed frames SAME1 (one Object on the stack) and SAME describe them; the original's own
 * compressed frames stay valid because our last frame equals the implicit entry frame. A NOP after the last frame
 * keeps it from sharing an offset with a frame at the start of the original code.
 */
final class PrologueWriter extends MethodVisitor {
    private static final String INTERCEPT = "dev/baton/bridge/Intercept";

    private final int hookId;
    private final boolean isStatic;
    private final String descriptor;
    private final boolean writeFrames;

    PrologueWriter(MethodVisitor next, int hookId, boolean isStatic, String descriptor, boolean writeFrames) {
        super(Opcodes.ASM9, next);
        this.hookId = hookId;
        this.isStatic = isStatic;
        this.descriptor = descriptor;
        this.writeFrames = writeFrames;
    }

    @Override
    public void visitCode() {
        super.visitCode();
        Label proceedWithResultOnStack = new Label();
        Label original = new Label();

        pushInt(hookId);
        pushSelf();
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, INTERCEPT, "wants", "(ILjava/lang/Object;)Z", false);
        mv.visitJumpInsn(Opcodes.IFEQ, original);

        pushInt(hookId);
        pushSelf();
        pushArgumentArray();
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, INTERCEPT, "invoke",
                "(ILjava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;", false);
        mv.visitInsn(Opcodes.DUP);
        mv.visitFieldInsn(Opcodes.GETSTATIC, INTERCEPT, "PROCEED", "Ljava/lang/Object;");
        mv.visitJumpInsn(Opcodes.IF_ACMPEQ, proceedWithResultOnStack);
        returnResult(Type.getReturnType(descriptor));

        mv.visitLabel(proceedWithResultOnStack);
        if (writeFrames) {
            mv.visitFrame(Opcodes.F_SAME1, 0, null, 1, new Object[] {"java/lang/Object"});
        }
        mv.visitInsn(Opcodes.POP);
        mv.visitLabel(original);
        if (writeFrames) {
            mv.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
        }
        mv.visitInsn(Opcodes.NOP);
    }

    private void pushSelf() {
        if (isStatic) {
            mv.visitInsn(Opcodes.ACONST_NULL);
        } else {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
        }
    }

    private void pushArgumentArray() {
        Type[] arguments = Type.getArgumentTypes(descriptor);
        pushInt(arguments.length);
        mv.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
        int local = isStatic ? 0 : 1;
        for (int i = 0; i < arguments.length; i++) {
            mv.visitInsn(Opcodes.DUP);
            pushInt(i);
            mv.visitVarInsn(arguments[i].getOpcode(Opcodes.ILOAD), local);
            box(arguments[i]);
            mv.visitInsn(Opcodes.AASTORE);
            local += arguments[i].getSize();
        }
    }

    private void returnResult(Type type) {
        switch (type.getSort()) {
            case Type.VOID:
                mv.visitInsn(Opcodes.POP);
                mv.visitInsn(Opcodes.RETURN);
                return;
            case Type.OBJECT:
            case Type.ARRAY:
                mv.visitTypeInsn(Opcodes.CHECKCAST, type.getInternalName());
                mv.visitInsn(Opcodes.ARETURN);
                return;
            default:
                Type boxed = boxedType(type);
                mv.visitTypeInsn(Opcodes.CHECKCAST, boxed.getInternalName());
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, boxed.getInternalName(), type.getClassName() + "Value",
                        "()" + type.getDescriptor(), false);
                mv.visitInsn(type.getOpcode(Opcodes.IRETURN));
        }
    }

    private void box(Type type) {
        if (type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY) {
            return;
        }
        Type boxed = boxedType(type);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, boxed.getInternalName(), "valueOf",
                "(" + type.getDescriptor() + ")" + boxed.getDescriptor(), false);
    }

    private static Type boxedType(Type primitive) {
        switch (primitive.getSort()) {
            case Type.BOOLEAN: return Type.getObjectType("java/lang/Boolean");
            case Type.BYTE: return Type.getObjectType("java/lang/Byte");
            case Type.CHAR: return Type.getObjectType("java/lang/Character");
            case Type.SHORT: return Type.getObjectType("java/lang/Short");
            case Type.INT: return Type.getObjectType("java/lang/Integer");
            case Type.LONG: return Type.getObjectType("java/lang/Long");
            case Type.FLOAT: return Type.getObjectType("java/lang/Float");
            case Type.DOUBLE: return Type.getObjectType("java/lang/Double");
            default: throw new IllegalArgumentException(primitive.toString());
        }
    }

    private void pushInt(int value) {
        if (value >= -1 && value <= 5) {
            mv.visitInsn(Opcodes.ICONST_0 + value);
        } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            mv.visitIntInsn(Opcodes.BIPUSH, value);
        } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            mv.visitIntInsn(Opcodes.SIPUSH, value);
        } else {
            mv.visitLdcInsn(value);
        }
    }
}
