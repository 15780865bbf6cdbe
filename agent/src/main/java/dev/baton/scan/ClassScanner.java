package dev.baton.scan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import dev.baton.instrument.ClassShape;

/**
 * Reads one class file and reports what Baton would rewrite in it and which of its calls reach a rewrite, as the
 * installer would decide (the same {@link ClassShape} rules: bridges and {@code @CallerSensitive} methods are never
 * rewritten; rules also rewrite overrides and implementations), with what a rule cannot do there.
 */
final class ClassScanner {
    private final List<ScanTarget> rewrites;
    private final List<ScanTarget> calls;
    private final TypeIndex index;
    private final Map<String, Set<String>> supertypes = new HashMap<>();

    ClassScanner(List<ScanTarget> rewrites, List<ScanTarget> calls, TypeIndex index) {
        this.rewrites = rewrites;
        this.calls = calls;
        this.index = index;
    }

    List<Finding> scan(byte[] classFile) {
        List<Finding> findings = new ArrayList<>();
        ClassShape shape = ClassShape.read(classFile, null);
        String className = shape.internalName().replace('/', '.');
        for (ScanTarget target : rewrites) {
            rewrites(shape, className, target, findings);
        }
        ClassReader reader = new ClassReader(classFile);
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            private String source;

            @Override
            public void visitSource(String file, String debug) {
                source = file;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return new CallSites(className + "#" + name, findings, source);
            }
        }, ClassReader.SKIP_FRAMES);
        return findings;
    }

    private void rewrites(ClassShape shape, String className, ScanTarget target, List<Finding> findings) {
        String targetClass = target.method().className();
        boolean own = targetClass.equals(className);
        if (!own && !(target.subtypes() && supertypesOf(className).contains(targetClass))) {
            return;
        }
        if (own && !shape.declares(target.method())) {
            findings.add(new Finding("matches", className, "no method " + target.method().methodName()
                    + (target.method().descriptor() == null ? "" : target.method().descriptor()), target.owner()
                    + ": nothing rewritten here; a method inherited from a superclass is rewritten where it is"
                    + " declared"));
            return;
        }
        for (ClassShape.Method method : shape.rewrittenBy(target.method())) {
            String what = own ? "its own code" : "its own code, overriding " + targetClass + "#"
                    + target.method().methodName();
            List<String> notes = RuleNotes.of(target, className, method, index);
            findings.add(new Finding("rewrites", className + "#" + method.name() + method.descriptor(), what,
                    target.owner() + (notes.isEmpty() ? "" : ": " + String.join("; ", notes))));
        }
    }

    /** Call sites reach a target declared on the callee's class, or, for rules, on one of its supertypes. */
    private boolean reaches(ScanTarget target, String calleeClass) {
        String targetClass = target.method().className();
        return targetClass.equals(calleeClass) || (target.subtypes() && supertypesOf(calleeClass).contains(
                targetClass));
    }

    private Set<String> supertypesOf(String className) {
        return supertypes.computeIfAbsent(className, index::supertypes);
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
                if (target.method().matches(name, descriptor) && reaches(target, ownerName)) {
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
