package dev.baton.instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Reads a {@link ClassShape} with ASM: for scan, and for the installer when a hooked name is a bridge's (whose body
 * says what it forwards to) or the class file is one {@link ClassFileLayout} does not expect.
 */
final class AsmShapeReader {
    private AsmShapeReader() {
    }

    static ClassShape read(byte[] classFile, Set<String> methodNames) {
        ClassReader reader = new ClassReader(classFile);
        // Bodies are read only when a named method is a bridge, whose body says what it forwards to: reading the
        // code of the hooked method here as well doubled ASM's work in the first hooked class of a short-lived tool.
        ClassShape shape = shape(reader, methodNames, ClassReader.SKIP_CODE);
        return shape.hasBridge() ? shape(reader, methodNames, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES) : shape;
    }

    private static ClassShape shape(ClassReader reader, Set<String> methodNames, int parsingOptions) {
        return ClassShape.of(reader.getClassName(), reader.getSuperName(), List.of(reader.getInterfaces()),
                methods(reader, methodNames, parsingOptions));
    }

    private static List<ClassShape.Method> methods(ClassReader reader, Set<String> methodNames, int parsingOptions) {
        List<ClassShape.Method> methods = new ArrayList<>();
        String owner = reader.getClassName();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                if (methodNames != null && !methodNames.contains(name)) {
                    return null;
                }
                return new MethodReader(owner, access, name, descriptor, methods);
            }
        }, parsingOptions);
        return methods;
    }

    /** Reads one method's annotations and, for a bridge, the call it forwards to. */
    private static final class MethodReader extends MethodVisitor {
        private final String owner;
        private final int access;
        private final String name;
        private final String descriptor;
        private final List<ClassShape.Method> methods;
        private boolean callerSensitive;
        private String bridgeTarget;

        MethodReader(String owner, int access, String name, String descriptor, List<ClassShape.Method> methods) {
            super(Opcodes.ASM9);
            this.owner = owner;
            this.access = access;
            this.name = name;
            this.descriptor = descriptor;
            this.methods = methods;
        }

        @Override
        public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
            callerSensitive |= ClassShape.isCallerSensitive(annotation);
            return null;
        }

        @Override
        public void visitMethodInsn(int opcode, String callOwner, String callName, String callDescriptor,
                boolean isInterface) {
            if ((access & Opcodes.ACC_BRIDGE) != 0 && bridgeTarget == null && callOwner.equals(owner)
                    && callName.equals(name) && !callDescriptor.equals(descriptor)) {
                bridgeTarget = callDescriptor;
            }
        }

        @Override
        public void visitEnd() {
            methods.add(new ClassShape.Method(access, name, descriptor, callerSensitive, bridgeTarget));
        }
    }
}
