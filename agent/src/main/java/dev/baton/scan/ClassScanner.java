package dev.baton.scan;

import java.util.ArrayList;
import java.util.List;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Reads one class file and reports what Baton would rewrite in it and which of its calls reach a rewrite. */
final class ClassScanner {
    private final List<ScanTarget> rewrites;
    private final List<ScanTarget> calls;

    ClassScanner(List<ScanTarget> rewrites, List<ScanTarget> calls) {
        this.rewrites = rewrites;
        this.calls = calls;
    }

    List<Finding> scan(byte[] classFile) {
        List<Finding> findings = new ArrayList<>();
        ClassReader reader = new ClassReader(classFile);
        String className = reader.getClassName().replace('/', '.');
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            private String source;

            @Override
            public void visitSource(String file, String debug) {
                source = file;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                String method = className + "#" + name + descriptor;
                for (ScanTarget target : rewrites) {
                    if (target.method().className().equals(className) && target.method().matches(name, descriptor)
                            && (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0) {
                        findings.add(new Finding("rewrites", method, "its own code", target.owner()));
                    }
                }
                return new CallSites(className + "#" + name, findings, () -> source);
            }
        }, ClassReader.SKIP_FRAMES);
        return findings;
    }

    /** Call instructions in one method, with the line they are on when the class has line numbers. */
    private final class CallSites extends MethodVisitor {
        private final String method;
        private final List<Finding> findings;
        private final java.util.function.Supplier<String> source;
        private int line = -1;

        CallSites(String method, List<Finding> findings, java.util.function.Supplier<String> source) {
            super(Opcodes.ASM9);
            this.method = method;
            this.findings = findings;
            this.source = source;
        }

        @Override
        public void visitLineNumber(int number, Label start) {
            line = number;
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            String ownerName = owner.replace('/', '.');
            for (ScanTarget target : calls) {
                if (target.method().className().equals(ownerName) && target.method().matches(name, descriptor)) {
                    String where = method + (line > 0 && source.get() != null ? " (" + source.get() + ":" + line
                            + ")" : "");
                    findings.add(new Finding("calls", where, ownerName + "#" + name + descriptor, target.owner()));
                    return;
                }
            }
        }
    }
}
