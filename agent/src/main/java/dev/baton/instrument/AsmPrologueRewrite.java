package dev.baton.instrument;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Writes the prologue with ASM ({@link PrologueWriter}) into the methods given a hook id: the path for classes
 * {@link PrologueSplicer} leaves alone. A class of its own so that ASM is loaded only when this path runs (the
 * verifier loads the types a method's code passes around when it verifies the class that holds it).
 */
final class AsmPrologueRewrite {
    /** The hook id of a method, or -1 to leave it as it is; asked in class file order. */
    interface HookIds {
        int of(int access, String name, String descriptor, String[] exceptions);
    }

    private AsmPrologueRewrite() {
    }

    static byte[] rewrite(byte[] bytes, HookIds hookIds) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            private boolean writeFrames;

            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                    String[] interfaces) {
                // Class files before Java 6 have no stack map frames; the old verifier infers them.
                writeFrames = (version & 0xFFFF) >= Opcodes.V1_6;
                super.visit(version, access, name, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
                int hookId = hookIds.of(access, name, descriptor, exceptions);
                if (hookId < 0) {
                    return next;
                }
                return new PrologueWriter(next, hookId, (access & Opcodes.ACC_STATIC) != 0, descriptor, writeFrames);
            }
        }, 0);
        return writer.toByteArray();
    }
}
