package dev.baton.instrument;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * What the installer and scan need to know about a class before choosing methods to rewrite: its header, and for the
 * methods whose names hooks mention, their modifiers, whether the JDK marks them {@code @CallerSensitive}, and for
 * compiler bridges which method they forward to. Method bodies are read only when a hooked name is a bridge's.
 */
public final class ClassShape {
    /** JDK methods that look at their caller: run through a method handle from Baton they would see Baton. */
    private static final Set<String> CALLER_SENSITIVE = Set.of("Ljdk/internal/reflect/CallerSensitive;",
            "Lsun/reflect/CallerSensitive;");

    /**
     * One declared method.
     *
     * @param bridgeTarget for a compiler bridge, the descriptor of the method it forwards to in this class; else null
     */
    public record Method(int access, String name, String descriptor, boolean callerSensitive, String bridgeTarget) {
        public boolean isBridge() {
            return (access & Opcodes.ACC_BRIDGE) != 0;
        }

        /** Constructors, initialisers, abstract and native methods have no body a prologue can start. */
        public boolean hasBody() {
            return (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0 && !name.startsWith("<");
        }

        public boolean isStatic() {
            return (access & Opcodes.ACC_STATIC) != 0;
        }
    }

    private final String internalName;
    private final String superName;
    private final List<String> interfaces;
    private final List<Method> methods;

    private ClassShape(String internalName, String superName, List<String> interfaces, List<Method> methods) {
        this.internalName = internalName;
        this.superName = superName;
        this.interfaces = interfaces;
        this.methods = methods;
    }

    /** The shape {@code layout} read, when none of its methods is a bridge (it does not read bridge targets). */
    static ClassShape of(ClassFileLayout layout) {
        List<Method> methods = new ArrayList<>(layout.methods.size());
        for (ClassFileLayout.MethodLayout method : layout.methods) {
            methods.add(method.shape());
        }
        return new ClassShape(layout.internalName, layout.superName, layout.interfaces,
                Collections.unmodifiableList(methods));
    }

    /** Reads the header and the methods named in {@code methodNames} (null: every method). */
    public static ClassShape read(byte[] classFile, Set<String> methodNames) {
        ClassReader reader = new ClassReader(classFile);
        // Bodies are read only when a named method is a bridge, whose body says what it forwards to: reading the
        // code of the hooked method here as well doubled ASM's work in the first hooked class of a short-lived tool.
        List<Method> methods = methods(reader, methodNames, ClassReader.SKIP_CODE);
        if (hasBridge(methods)) {
            methods = methods(reader, methodNames, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        }
        return new ClassShape(reader.getClassName(), reader.getSuperName(), List.of(reader.getInterfaces()),
                Collections.unmodifiableList(methods));
    }

    private static List<Method> methods(ClassReader reader, Set<String> methodNames, int parsingOptions) {
        List<Method> methods = new ArrayList<>();
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

    private static boolean hasBridge(List<Method> methods) {
        for (Method method : methods) {
            if (method.isBridge()) {
                return true;
            }
        }
        return false;
    }

    public String internalName() {
        return internalName;
    }

    /** Null for java.lang.Object and for module-info. */
    public String superName() {
        return superName;
    }

    public List<String> interfaces() {
        return interfaces;
    }

    public List<Method> methods() {
        return methods;
    }

    /**
     * The methods a hook on {@code target} rewrites in this class: declared, with a body, not a bridge, matching the
     * target directly or being what a matching bridge forwards to (a rule on {@code Repo#install(Object)} of a
     * generic {@code Repo<T>} reaches {@code StringRepo.install(String)} through the compiler's bridge). Each method
     * once, so a bridge and its target never take a lock twice.
     */
    public List<Method> rewrittenBy(MethodTarget target) {
        // Compared by identity: a record's generated equals would cost an invokedynamic bootstrap at start-up.
        List<Method> matched = new ArrayList<>();
        for (Method method : methods) {
            Method rewritten = null;
            if (!method.isBridge() && target.matches(method.name(), method.descriptor())) {
                rewritten = method;
            } else if (method.isBridge() && method.bridgeTarget() != null
                    && target.matches(method.name(), method.descriptor())) {
                Method forwarded = find(method.name(), method.bridgeTarget());
                rewritten = forwarded != null && !forwarded.isBridge() ? forwarded : null;
            }
            if (rewritten != null && rewritten.hasBody() && !containsSame(matched, rewritten)) {
                matched.add(rewritten);
            }
        }
        return matched;
    }

    private static boolean containsSame(List<Method> methods, Method method) {
        for (Method known : methods) {
            if (known == method) {
                return true;
            }
        }
        return false;
    }

    /** Whether the class declares a method the target names at all (abstract ones included). */
    public boolean declares(MethodTarget target) {
        for (Method method : methods) {
            if (target.matches(method.name(), method.descriptor())) {
                return true;
            }
        }
        return false;
    }

    private Method find(String name, String descriptor) {
        for (Method method : methods) {
            if (method.name().equals(name) && method.descriptor().equals(descriptor)) {
                return method;
            }
        }
        return null;
    }

    /** Reads one method's annotations and, for a bridge, the call it forwards to. */
    private static final class MethodReader extends MethodVisitor {
        private final String owner;
        private final int access;
        private final String name;
        private final String descriptor;
        private final List<Method> methods;
        private boolean callerSensitive;
        private String bridgeTarget;

        MethodReader(String owner, int access, String name, String descriptor, List<Method> methods) {
            super(Opcodes.ASM9);
            this.owner = owner;
            this.access = access;
            this.name = name;
            this.descriptor = descriptor;
            this.methods = methods;
        }

        @Override
        public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
            callerSensitive |= CALLER_SENSITIVE.contains(annotation);
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
            methods.add(new Method(access, name, descriptor, callerSensitive, bridgeTarget));
        }
    }
}
