package dev.baton.instrument;

import java.io.ByteArrayOutputStream;

/**
 * The prologue of {@code dev.baton.bridge.Intercept} as raw bytecode, for {@link PrologueSplicer}: the same
 * instructions and the same two stack map frames {@link PrologueWriter} emits through ASM (PrologueSplicerTest
 * compares the two on real classes), followed by NOPs up to a multiple of 4 bytes so that the padding of the
 * original code's switch instructions, which depends on their offset, stays valid.
 */
final class PrologueCode {
    private static final String INTERCEPT = "dev/baton/bridge/Intercept";
    private static final String OBJECT = "java/lang/Object";

    private final ByteArrayOutputStream code = new ByteArrayOutputStream();
    private final ConstantPoolExtension pool;
    private int depth;
    private int maxStack;
    /** Offset of the POP that drops PROCEED (frame: entry locals, one Object on the stack). */
    private int proceedOffset;
    /** Offset of the NOP where the original code is reached (frame: entry locals, empty stack). */
    private int originalOffset;

    private PrologueCode(ConstantPoolExtension pool) {
        this.pool = pool;
    }

    /** Writes the prologue for a method of {@code descriptor} with hook {@code hookId}. */
    static PrologueCode write(ConstantPoolExtension pool, int hookId, boolean isStatic, String descriptor) {
        PrologueCode prologue = new PrologueCode(pool);
        prologue.emit(hookId, isStatic, descriptor);
        return prologue;
    }

    byte[] bytes() {
        return code.toByteArray();
    }

    int length() {
        return code.size();
    }

    int maxStack() {
        return maxStack;
    }

    int proceedOffset() {
        return proceedOffset;
    }

    int originalOffset() {
        return originalOffset;
    }

    /** The constant pool index of java/lang/Object, the type of the stack item in the first frame. */
    int objectClass() {
        return pool.classRef(OBJECT);
    }

    private void emit(int hookId, boolean isStatic, String descriptor) {
        pushInt(hookId);
        pushSelf(isStatic);
        invokeStatic(INTERCEPT, "wants", "(ILjava/lang/Object;)Z", 2, 1);
        int ifEq = code.size();
        op(0x99, -1); // ifeq original
        u2(0);

        pushInt(hookId);
        pushSelf(isStatic);
        pushArgumentArray(isStatic, descriptor);
        invokeStatic(INTERCEPT, "invoke", "(ILjava/lang/Object;[Ljava/lang/Object;)Ljava/lang/Object;", 3, 1);
        op(0x59, 1); // dup
        op(0xB2, 1); // getstatic PROCEED
        u2(pool.fieldRef(INTERCEPT, "PROCEED", "Ljava/lang/Object;"));
        int ifProceed = code.size();
        op(0xA5, -2); // if_acmpeq proceedWithResultOnStack
        u2(0);
        returnResult(descriptor.substring(descriptor.indexOf(')') + 1));

        proceedOffset = code.size();
        depth = 1;
        op(0x57, -1); // pop
        originalOffset = code.size();
        op(0x00, 0); // nop: the original code's first frame never shares this frame's offset
        while (code.size() % 4 != 0) {
            op(0x00, 0);
        }
        byte[] written = code.toByteArray();
        patchBranch(written, ifEq, originalOffset);
        patchBranch(written, ifProceed, proceedOffset);
        code.reset();
        code.write(written, 0, written.length);
    }

    private static void patchBranch(byte[] written, int at, int target) {
        int offset = target - at;
        written[at + 1] = (byte) (offset >> 8);
        written[at + 2] = (byte) offset;
    }

    private void pushSelf(boolean isStatic) {
        op(isStatic ? 0x01 : 0x2A, 1); // aconst_null or aload_0
    }

    private void pushArgumentArray(boolean isStatic, String descriptor) {
        int count = 0;
        for (int i = 1; descriptor.charAt(i) != ')'; i = nextType(descriptor, i)) {
            count++;
        }
        pushInt(count);
        op(0xBD, 0); // anewarray
        u2(pool.classRef(OBJECT));
        int local = isStatic ? 0 : 1;
        int index = 0;
        for (int i = 1; descriptor.charAt(i) != ')'; i = nextType(descriptor, i)) {
            char type = descriptor.charAt(i);
            op(0x59, 1); // dup
            pushInt(index++);
            load(type, local);
            box(type);
            op(0x53, -3); // aastore
            local += type == 'J' || type == 'D' ? 2 : 1;
        }
    }

    /** The index after the field type starting at {@code i}. */
    private static int nextType(String descriptor, int i) {
        while (descriptor.charAt(i) == '[') {
            i++;
        }
        return descriptor.charAt(i) == 'L' ? descriptor.indexOf(';', i) + 1 : i + 1;
    }

    private void load(char type, int local) {
        int size = type == 'J' || type == 'D' ? 2 : 1;
        int base;
        int shortBase;
        switch (type) {
            case 'J':
                base = 0x16;
                shortBase = 0x1E;
                break;
            case 'F':
                base = 0x17;
                shortBase = 0x22;
                break;
            case 'D':
                base = 0x18;
                shortBase = 0x26;
                break;
            case 'L', '[':
                base = 0x19;
                shortBase = 0x2A;
                break;
            default:
                base = 0x15;
                shortBase = 0x1A;
        }
        if (local < 4) {
            op(shortBase + local, size);
        } else if (local < 256) {
            op(base, size);
            code.write(local);
        } else {
            op(0xC4, 0); // wide
            op(base, size);
            u2(local);
        }
    }

    private void box(char type) {
        String boxed = boxedType(type);
        if (boxed != null) {
            invokeStatic(boxed, "valueOf", "(" + type + ")L" + boxed + ";", type == 'J' || type == 'D' ? 2 : 1, 1);
        }
    }

    private void returnResult(String returnType) {
        char type = returnType.charAt(0);
        if (type == 'V') {
            op(0x57, -1); // pop
            op(0xB1, 0); // return
            return;
        }
        if (type == 'L' || type == '[') {
            op(0xC0, 0); // checkcast
            u2(pool.classRef(type == 'L' ? returnType.substring(1, returnType.length() - 1) : returnType));
            op(0xB0, -1); // areturn
            return;
        }
        String boxed = boxedType(type);
        op(0xC0, 0); // checkcast
        u2(pool.classRef(boxed));
        int size = type == 'J' || type == 'D' ? 2 : 1;
        op(0xB6, size - 1); // invokevirtual xValue
        u2(pool.methodRef(boxed, primitiveName(type) + "Value", "()" + type));
        int returnOpcode = type == 'J' ? 0xAD : type == 'F' ? 0xAE : type == 'D' ? 0xAF : 0xAC;
        op(returnOpcode, -size);
    }

    private static String boxedType(char type) {
        switch (type) {
            case 'Z': return "java/lang/Boolean";
            case 'B': return "java/lang/Byte";
            case 'C': return "java/lang/Character";
            case 'S': return "java/lang/Short";
            case 'I': return "java/lang/Integer";
            case 'J': return "java/lang/Long";
            case 'F': return "java/lang/Float";
            case 'D': return "java/lang/Double";
            default: return null;
        }
    }

    private static String primitiveName(char type) {
        switch (type) {
            case 'Z': return "boolean";
            case 'B': return "byte";
            case 'C': return "char";
            case 'S': return "short";
            case 'I': return "int";
            case 'J': return "long";
            case 'F': return "float";
            default: return "double";
        }
    }

    private void invokeStatic(String owner, String name, String descriptor, int popped, int pushed) {
        op(0xB8, pushed - popped);
        u2(pool.methodRef(owner, name, descriptor));
    }

    private void pushInt(int value) {
        if (value >= -1 && value <= 5) {
            op(0x03 + value, 1); // iconst_<value>
        } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            op(0x10, 1); // bipush
            code.write(value);
        } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            op(0x11, 1); // sipush
            u2(value & 0xFFFF);
        } else {
            int index = pool.integer(value);
            if (index < 256) {
                op(0x12, 1); // ldc
                code.write(index);
            } else {
                op(0x13, 1); // ldc_w
                u2(index);
            }
        }
    }

    /** Writes an opcode and tracks the operand stack: {@code change} is its net effect in slots. */
    private void op(int opcode, int change) {
        code.write(opcode);
        depth += change;
        maxStack = Math.max(maxStack, depth);
    }

    private void u2(int value) {
        code.write(value >> 8);
        code.write(value);
    }
}
