package dev.baton.instrument;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

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

    /** Whether an annotation (by descriptor) marks a method that looks at its caller. */
    static boolean isCallerSensitive(String annotationDescriptor) {
        return CALLER_SENSITIVE.contains(annotationDescriptor);
    }

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

    /** The shape {@code layout} read; bridge targets are left unknown (the layout does not read code). */
    static ClassShape of(ClassFileLayout layout) {
        List<Method> methods = new ArrayList<>(layout.methods.size());
        for (ClassFileLayout.MethodLayout method : layout.methods) {
            methods.add(method.shape());
        }
        return of(layout.internalName, layout.superName, layout.interfaces, methods);
    }

    /**
     * Reads the header and the methods named in {@code methodNames} (null: every method), with ASM
     * ({@link AsmShapeReader}, a class of its own so that verifying this one loads no ASM class).
     */
    public static ClassShape read(byte[] classFile, Set<String> methodNames) {
        return AsmShapeReader.read(classFile, methodNames);
    }

    static ClassShape of(String internalName, String superName, List<String> interfaces, List<Method> methods) {
        return new ClassShape(internalName, superName, interfaces, Collections.unmodifiableList(methods));
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

    /** Whether one of the methods read is a compiler bridge (only ASM's reading knows what a bridge forwards to). */
    boolean hasBridge() {
        for (Method method : methods) {
            if (method.isBridge()) {
                return true;
            }
        }
        return false;
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
}
