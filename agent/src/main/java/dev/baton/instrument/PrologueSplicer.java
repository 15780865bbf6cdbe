package dev.baton.instrument;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Set;

import dev.baton.instrument.ClassFileLayout.MethodLayout;

/**
 * Puts the prologue ({@link PrologueCode}) in front of methods' code by copying the class file and rewriting only
 * their {@code Code} attributes: the original instructions are copied byte for byte, never decoded. Branches inside
 * them are relative and stay valid; the prologue's length is a multiple of 4, so switch padding does too. What holds
 * absolute code offsets is shifted by the prologue's length: the exception table, line numbers, local variable
 * ranges, and in the stack map the first frame's offset and every {@code Uninitialized(offset)} type.
 *
 * <p>A method whose code carries any other attribute (type annotations with offsets, tool-specific tables) is left
 * to ASM: {@link #canSplice} says no, and {@link HookTransformer} takes the ASM path for the whole class.
 */
final class PrologueSplicer {
    private static final int MAX_CODE_LENGTH = 65535;
    /** Code attributes the splicer knows how to shift. */
    private static final Set<String> SHIFTED = Set.of("StackMapTable", "LineNumberTable", "LocalVariableTable",
            "LocalVariableTypeTable");
    private static final int SAME_LOCALS_1_STACK_ITEM = 64;
    private static final int SAME_LOCALS_1_STACK_ITEM_EXTENDED = 247;
    private static final int SAME_FRAME_EXTENDED = 251;

    private final ClassFileLayout layout;
    private final ConstantPoolExtension pool;

    private PrologueSplicer(ClassFileLayout layout) {
        this.layout = layout;
        this.pool = new ConstantPoolExtension(layout.constantOffsets.length);
    }

    /** Whether every one of {@code methods} has code this splicer can shift. */
    static boolean canSplice(ClassFileLayout layout, List<MethodLayout> methods) {
        for (MethodLayout method : methods) {
            if (!method.hasCode()) {
                return false;
            }
            int at = method.codeStart();
            int codeLength = layout.u4(at + 10);
            int cursor = at + 14 + codeLength;
            cursor += 2 + 8 * layout.u2(cursor);
            int attributes = layout.u2(cursor);
            cursor += 2;
            for (int i = 0; i < attributes; i++) {
                String name = layout.utf8(layout.u2(cursor));
                if (!SHIFTED.contains(name) || name.equals("StackMapTable") && layout.majorVersion < 50) {
                    return false;
                }
                cursor += 6 + layout.u4(cursor + 2);
            }
            if (cursor != method.codeEnd()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The class with the prologue in front of each of {@code methods} (in class file order, which {@link
     * ClassFileLayout} keeps), the i-th calling its hook {@code hookIds[i]}.
     *
     * @throws IllegalArgumentException when the result would break a class file limit or a stack map is malformed
     */
    static byte[] splice(ClassFileLayout layout, List<MethodLayout> methods, int[] hookIds) {
        return new PrologueSplicer(layout).spliceAll(methods, hookIds);
    }

    private byte[] spliceAll(List<MethodLayout> methods, int[] hookIds) {
        byte[] original = layout.bytes;
        ByteArrayOutputStream tail = new ByteArrayOutputStream(original.length + 512);
        int copied = layout.constantPoolEnd;
        for (int i = 0; i < methods.size(); i++) {
            MethodLayout method = methods.get(i);
            tail.write(original, copied, method.codeStart() - copied);
            writeCode(tail, method, hookIds[i]);
            copied = method.codeEnd();
        }
        tail.write(original, copied, original.length - copied);
        if (pool.count() > 0xFFFF) {
            throw new IllegalArgumentException("constant pool full");
        }
        byte[] added = pool.entries();
        ByteArrayOutputStream out = new ByteArrayOutputStream(layout.constantPoolEnd + added.length + tail.size());
        out.write(original, 0, 8);
        writeU2(out, pool.count());
        out.write(original, 10, layout.constantPoolEnd - 10);
        out.write(added, 0, added.length);
        byte[] rest = tail.toByteArray();
        out.write(rest, 0, rest.length);
        return out.toByteArray();
    }

    /** Writes the method's Code attribute with the prologue in front. */
    private void writeCode(ByteArrayOutputStream out, MethodLayout method, int hookId) {
        ClassShape.Method shape = method.shape();
        PrologueCode prologue = PrologueCode.write(pool, hookId, shape.isStatic(), shape.descriptor());
        int shift = prologue.length();
        int at = method.codeStart();
        int maxStack = Math.max(layout.u2(at + 6), prologue.maxStack());
        int codeLength = layout.u4(at + 10);
        if (codeLength + shift > MAX_CODE_LENGTH) {
            throw new IllegalArgumentException("method too large for a prologue");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(method.codeEnd() - at + shift + 32);
        writeU2(body, maxStack);
        body.write(layout.bytes, at + 8, 2); // max_locals: the prologue adds none
        writeU4(body, codeLength + shift);
        byte[] prologueBytes = prologue.bytes();
        body.write(prologueBytes, 0, prologueBytes.length);
        int cursor = at + 14;
        body.write(layout.bytes, cursor, codeLength);
        cursor += codeLength;

        int handlers = layout.u2(cursor);
        writeU2(body, handlers);
        cursor += 2;
        for (int i = 0; i < handlers; i++, cursor += 8) {
            writeU2(body, layout.u2(cursor) + shift); // start_pc
            writeU2(body, layout.u2(cursor + 2) + shift); // end_pc
            writeU2(body, layout.u2(cursor + 4) + shift); // handler_pc
            body.write(layout.bytes, cursor + 6, 2); // catch_type
        }

        int attributes = layout.u2(cursor);
        cursor += 2;
        boolean framesWritten = false;
        ByteArrayOutputStream codeAttributes = new ByteArrayOutputStream();
        for (int i = 0; i < attributes; i++) {
            String name = layout.utf8(layout.u2(cursor));
            int length = layout.u4(cursor + 2);
            int start = cursor + 6;
            byte[] rewritten;
            if (name.equals("StackMapTable")) {
                rewritten = stackMap(start, length, prologue);
                framesWritten = true;
            } else if (name.equals("LineNumberTable")) {
                rewritten = shiftedTable(start, length, 4, shift);
            } else {
                rewritten = shiftedTable(start, length, 10, shift); // LocalVariableTable, LocalVariableTypeTable
            }
            codeAttributes.write(layout.bytes, cursor, 2);
            writeU4(codeAttributes, rewritten.length);
            codeAttributes.write(rewritten, 0, rewritten.length);
            cursor = start + length;
        }
        if (!framesWritten && layout.majorVersion >= 50) {
            // No branch in the original: the prologue's two targets still need frames (class files from Java 6 on).
            byte[] frames = stackMap(-1, 0, prologue);
            writeU2(codeAttributes, pool.utf8("StackMapTable"));
            writeU4(codeAttributes, frames.length);
            codeAttributes.write(frames, 0, frames.length);
            attributes++;
        }
        writeU2(body, attributes);
        byte[] written = codeAttributes.toByteArray();
        body.write(written, 0, written.length);

        out.write(layout.bytes, at, 2); // the "Code" name index
        writeU4(out, body.size());
        byte[] bodyBytes = body.toByteArray();
        out.write(bodyBytes, 0, bodyBytes.length);
    }

    /** A table of entries of {@code entrySize} bytes whose first field is a start_pc: each start moves by shift. */
    private byte[] shiftedTable(int start, int length, int entrySize, int shift) {
        int count = layout.u2(start);
        if (2 + count * entrySize != length) {
            throw new IllegalArgumentException("table length does not match its entries");
        }
        byte[] table = new byte[length];
        System.arraycopy(layout.bytes, start, table, 0, length);
        for (int i = 0; i < count; i++) {
            int at = 2 + i * entrySize;
            int moved = (((table[at] & 0xFF) << 8) | (table[at + 1] & 0xFF)) + shift;
            table[at] = (byte) (moved >> 8);
            table[at + 1] = (byte) moved;
        }
        return table;
    }

    /**
     * The prologue's two frames followed by the original's (none when {@code start} is -1). Offsets in a stack map
     * are deltas from the previous frame, so only the first original frame's changes; Uninitialized types name the
     * offset of their NEW instruction, which moved.
     */
    private byte[] stackMap(int start, int length, PrologueCode prologue) {
        int shift = prologue.length();
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        int originalCount = start < 0 ? 0 : layout.u2(start);
        writeU2(frames, originalCount + 2);
        int proceed = prologue.proceedOffset();
        if (proceed <= 63) {
            frames.write(SAME_LOCALS_1_STACK_ITEM + proceed);
        } else {
            frames.write(SAME_LOCALS_1_STACK_ITEM_EXTENDED);
            writeU2(frames, proceed);
        }
        frames.write(7); // Object
        writeU2(frames, prologue.objectClass());
        int originalDelta = prologue.originalOffset() - proceed - 1;
        writeSameFrame(frames, originalDelta);
        int previous = prologue.originalOffset();

        int cursor = start + 2;
        for (int i = 0; i < originalCount; i++) {
            int type = layout.u1(cursor);
            int delta;
            int headerEnd;
            if (type < 64) {
                delta = type;
                headerEnd = cursor + 1;
            } else if (type < 128) {
                delta = type - 64;
                headerEnd = cursor + 1;
            } else if (type >= 247) {
                delta = layout.u2(cursor + 1);
                headerEnd = cursor + 3;
            } else {
                throw new IllegalArgumentException("reserved stack map frame type " + type);
            }
            if (i > 0) {
                // Later frames keep their deltas and form; only their types may need shifting.
                frames.write(layout.bytes, cursor, headerEnd - cursor);
            } else {
                int offset = shift + delta;
                int newDelta = offset - previous - 1;
                if (type < 64) {
                    writeSameFrame(frames, newDelta);
                } else if (type < 128) {
                    if (newDelta <= 63) {
                        frames.write(SAME_LOCALS_1_STACK_ITEM + newDelta);
                    } else {
                        frames.write(SAME_LOCALS_1_STACK_ITEM_EXTENDED);
                        writeU2(frames, newDelta);
                    }
                } else {
                    frames.write(type);
                    writeU2(frames, newDelta);
                }
            }
            cursor = copyTypes(frames, type, headerEnd, shift);
        }
        if (start >= 0 && cursor != start + length) {
            throw new IllegalArgumentException("stack map length does not match its frames");
        }
        return frames.toByteArray();
    }

    private static void writeSameFrame(ByteArrayOutputStream frames, int delta) {
        if (delta <= 63) {
            frames.write(delta);
        } else {
            frames.write(SAME_FRAME_EXTENDED);
            writeU2(frames, delta);
        }
    }

    /** Copies the verification types of a frame of {@code type} whose header ends at {@code at}. */
    private int copyTypes(ByteArrayOutputStream frames, int type, int at, int shift) {
        if (type < 64 || (type >= 248 && type <= 251)) {
            return at; // same, chop, same extended: no types
        }
        if (type < 128 || type == 247) {
            return copyType(frames, at, shift);
        }
        if (type <= 254) {
            int cursor = at;
            for (int i = 0; i < type - 251; i++) {
                cursor = copyType(frames, cursor, shift);
            }
            return cursor;
        }
        int cursor = at; // full frame
        int locals = layout.u2(cursor);
        frames.write(layout.bytes, cursor, 2);
        cursor += 2;
        for (int i = 0; i < locals; i++) {
            cursor = copyType(frames, cursor, shift);
        }
        int stack = layout.u2(cursor);
        frames.write(layout.bytes, cursor, 2);
        cursor += 2;
        for (int i = 0; i < stack; i++) {
            cursor = copyType(frames, cursor, shift);
        }
        return cursor;
    }

    private int copyType(ByteArrayOutputStream frames, int at, int shift) {
        int tag = layout.u1(at);
        if (tag <= 6) {
            frames.write(tag);
            return at + 1;
        }
        if (tag == 7) {
            frames.write(layout.bytes, at, 3);
            return at + 3;
        }
        if (tag == 8) {
            frames.write(tag);
            writeU2(frames, layout.u2(at + 1) + shift); // Uninitialized: offset of its NEW
            return at + 3;
        }
        throw new IllegalArgumentException("unknown verification type " + tag);
    }

    private static void writeU2(ByteArrayOutputStream out, int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("value does not fit in u2: " + value);
        }
        out.write(value >> 8);
        out.write(value);
    }

    private static void writeU4(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }
}
