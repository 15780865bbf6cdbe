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
                            && (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_BRIDGE)) == 0) {
                        findings.add(new Finding("rewrites", method, "its own code", target.owner()));
                    }
                }
                return new CallSites(className + "#" + name, findings, source);
            }
        }, ClassReader.SKIP_FRAMES);
        return findings;
    }

    /**
     * Call instructions in one method, with the line they are on when the class has line numbers. Reported when
     * the method ends, once its constants are known: a call site's judge may need them (is this process start an
     * install?).
     */
    private final class CallSites extends MethodVisitor {
        private final String method;
        private final List<Finding> findings;
        private final String source;
        private final CommandWords constants = new CommandWords();
        private final List<PendingCall> pending = new ArrayList<>();
        private int line = -1;

        CallSites(String method, List<Finding> findings, String source) {
            super(Opcodes.ASM9, null);
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
            constants.call(owner, name);
            String ownerName = owner.replace('/', '.');
            for (ScanTarget target : calls) {
                if (target.method().className().equals(ownerName) && target.method().matches(name, descriptor)) {
                    String where = method + (line > 0 && source != null ? " (" + source + ":" + line + ")" : "");
                    pending.add(new PendingCall(where, ownerName + "#" + name + descriptor, target));
                    return;
                }
            }
        }

        @Override
        public void visitLdcInsn(Object value) {
            constants.constant(value);
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode == Opcodes.POP || opcode == Opcodes.POP2 || opcode == Opcodes.ATHROW
                    || (opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN)) {
                constants.statementBoundary();
            }
        }

        @Override
        public void visitVarInsn(int opcode, int var) {
            if (opcode >= Opcodes.ISTORE && opcode <= Opcodes.ASTORE) {
                constants.statementBoundary();
            }
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            if (opcode == Opcodes.PUTFIELD || opcode == Opcodes.PUTSTATIC) {
                constants.statementBoundary();
            }
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, org.objectweb.asm.Handle bootstrap,
                Object... arguments) {
            // String concatenation keeps its constant parts in the recipe: "npm install \u0001".
            for (Object argument : arguments) {
                constants.constant(argument);
            }
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            constants.statementBoundary();
        }

        @Override
        public void visitEnd() {
            CallerFacts facts = constants.facts();
            for (PendingCall call : pending) {
                CallSiteJudge.Verdict verdict = call.target.judge().judge(facts);
                if (verdict.reported()) {
                    String owner = call.target.owner() + (verdict.note().isEmpty() ? "" : ": " + verdict.note());
                    findings.add(new Finding("calls", call.where, call.callee, owner));
                }
            }
        }
    }

    private record PendingCall(String where, String callee, ScanTarget target) {
    }
}
