package dev.baton.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;

import dev.baton.bridge.Baton;
import dev.baton.bridge.Intercept;

/**
 * Rewrites the classes that hooks name, and, for hooks that match subtypes (rules), the classes that extend
 * or implement them. Without such hooks every other class costs one hash lookup on its name; with them, one read of
 * the class file header and a walk of its supertypes' headers, cached per class loader ({@link TypeHierarchy}). A
 * failed rewrite leaves the class as it was and is reported as a fallback.
 *
 * <p>Two ways to write the prologue, one result: {@link PrologueSplicer} splices it into the class file without
 * decoding the original code (no ASM class is loaded: most of the cost of the first rewrite in a short-lived tool),
 * and {@link AsmPrologueRewrite} takes every class the splicer does not cover (code with type annotations or other
 * code attributes, a class file {@link ClassFileLayout} does not expect). Where a hooked name is a compiler bridge's,
 * the class's shape is read with ASM (only ASM reads what a bridge forwards to) and the chosen methods are spliced.
 */
final class HookTransformer implements ClassFileTransformer {
    private final Map<String, List<Hook>> byClass = new HashMap<>();
    private final Map<String, List<Hook>> bySupertype = new HashMap<>();
    /** Position of each hook in the installed list: hooks sharing a method chain in this order. */
    private final Map<Hook, Integer> order = new IdentityHashMap<>();
    private final TypeHierarchy hierarchy;
    private final HookRegistry registry;
    private final Instrumentation instrumentation;
    private final Consumer<String> notices;
    private final Set<String> rewritten = ConcurrentHashMap.newKeySet();
    private final Set<String> failed = ConcurrentHashMap.newKeySet();

    /** @param notices receives what users should know once: a hook that matches nothing, a refused method */
    HookTransformer(List<Hook> hooks, HookRegistry registry, Instrumentation instrumentation,
            Consumer<String> notices) {
        for (Hook hook : hooks) {
            order.put(hook, order.size());
            String owner = hook.target().internalClassName();
            add(byClass, owner, hook);
            if (hook.matchesSubtypes()) {
                add(bySupertype, owner, hook);
            }
        }
        this.hierarchy = bySupertype.isEmpty() ? null : new TypeHierarchy(bySupertype.keySet());
        this.registry = registry;
        this.instrumentation = instrumentation;
        this.notices = notices;
    }

    private static void add(Map<String, List<Hook>> map, String key, Hook hook) {
        List<Hook> list = map.get(key);
        if (list == null) {
            list = new ArrayList<>();
            map.put(key, list);
        }
        list.add(hook);
    }

    /** Internal names of the classes hooks name. */
    Set<String> namedClasses() {
        return Collections.unmodifiableSet(byClass.keySet());
    }

    /** Internal names of the types whose subtypes are rewritten too. */
    Set<String> supertypes() {
        return Collections.unmodifiableSet(bySupertype.keySet());
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain domain, byte[] classfileBuffer) {
        if (className == null) {
            return null;
        }
        List<Hook> own = byClass.get(className);
        if (own == null && (hierarchy == null || !hierarchy.mayExtendTargets(className))) {
            return null;
        }
        try {
            List<Hook> hooks = own == null ? new ArrayList<>() : new ArrayList<>(own);
            if (hierarchy != null && hierarchy.mayExtendTargets(className)) {
                ClassReader header = new ClassReader(classfileBuffer);
                for (String supertype : hierarchy.targetsAmongSupertypes(loader, domain, className,
                        header.getSuperName(), List.of(header.getInterfaces()))) {
                    hooks.addAll(bySupertype.get(supertype));
                }
            }
            if (hooks.isEmpty()) {
                return null;
            }
            byte[] result = rewrite(loader, className, classfileBuffer, hooks, own == null ? List.of() : own);
            if (result != null) {
                letModuleReadBridge(module);
                rewritten.add(className.replace('/', '.'));
            }
            return result;
        } catch (Throwable t) {
            failed.add(className.replace('/', '.'));
            Baton.fallback("rewrite of " + className.replace('/', '.'), t);
            return null;
        }
    }

    private byte[] rewrite(ClassLoader loader, String className, byte[] bytes, List<Hook> hooks, List<Hook> own) {
        Set<String> methodNames = new HashSet<>();
        for (Hook hook : hooks) {
            methodNames.add(hook.target().methodName());
        }
        ClassFileLayout layout = layoutOrNull(bytes, methodNames);
        ClassShape fromLayout = layout == null ? null : ClassShape.of(layout);
        ClassShape shape = fromLayout != null && !fromLayout.hasBridge() ? fromLayout
                : ClassShape.read(bytes, methodNames);
        String binaryName = className.replace('/', '.');
        for (Hook hook : own) {
            if (!shape.declares(hook.target())) {
                notices.accept(hook.label() + ": " + binaryName + " declares no method " + hook.target().methodName()
                        + describe(hook.target()) + "; nothing rewritten there (a method inherited from a superclass"
                        + " is hooked where it is declared: name that class)");
            }
        }
        Map<String, List<Hook>> byMethod = new HashMap<>();
        for (Hook hook : hooks) {
            for (ClassShape.Method method : shape.rewrittenBy(hook.target())) {
                if (method.callerSensitive()) {
                    notices.accept(hook.label() + ": " + binaryName + "#" + method.name() + method.descriptor()
                            + " is @CallerSensitive and is not rewritten (run from Baton it would see the wrong"
                            + " caller)");
                    continue;
                }
                add(byMethod, method.name() + method.descriptor(), hook);
            }
        }
        if (byMethod.isEmpty()) {
            return null;
        }
        for (List<Hook> list : byMethod.values()) {
            sortByOrder(list);
        }
        if (layout != null) {
            byte[] spliced = spliceOrNull(loader, binaryName, layout, byMethod);
            if (spliced != null) {
                return spliced;
            }
        }
        return AsmPrologueRewrite.rewrite(bytes, new AsmPrologueRewrite.HookIds() {
            @Override
            public int of(int access, String name, String descriptor, String[] exceptions) {
                List<Hook> matching = byMethod.get(name + descriptor);
                return matching == null ? -1 : registry.bind(InterceptorChain.of(matching), binaryName, name,
                        descriptor, exceptions, (access & Opcodes.ACC_STATIC) != 0, loader).id;
            }
        });
    }

    /**
     * The class file's layout for {@link PrologueSplicer}, or null when it has a structure the layout reader does not
     * expect: ASM then reads it (and may refuse it, which is reported as before).
     */
    private static ClassFileLayout layoutOrNull(byte[] bytes, Set<String> methodNames) {
        try {
            return new ClassFileLayout(bytes, methodNames);
        } catch (RuntimeException unexpected) {
            return null;
        }
    }

    /**
     * The class with prologues spliced in without ASM, or null when a method's code needs ASM. A failure after some
     * hooks were bound leaves those bindings unused (their ids appear in no code); the ASM path binds its own.
     */
    private byte[] spliceOrNull(ClassLoader loader, String binaryName, ClassFileLayout layout,
            Map<String, List<Hook>> byMethod) {
        List<ClassFileLayout.MethodLayout> methods = new ArrayList<>();
        for (ClassFileLayout.MethodLayout method : layout.methods) {
            if (byMethod.containsKey(method.shape().name() + method.shape().descriptor())) {
                methods.add(method);
            }
        }
        try {
            if (!PrologueSplicer.canSplice(layout, methods)) {
                return null;
            }
            int[] hookIds = new int[methods.size()];
            for (int i = 0; i < hookIds.length; i++) {
                ClassShape.Method method = methods.get(i).shape();
                hookIds[i] = registry.bind(InterceptorChain.of(byMethod.get(method.name() + method.descriptor())),
                        binaryName, method.name(), method.descriptor(), methods.get(i).exceptions(),
                        method.isStatic(), loader).id;
            }
            return PrologueSplicer.splice(layout, methods, hookIds);
        } catch (RuntimeException unexpected) {
            return null;
        }
    }

    /** Catalog order (insertion sort: a method rarely has more than two hooks; no comparator lambda at start-up). */
    private void sortByOrder(List<Hook> list) {
        for (int i = 1; i < list.size(); i++) {
            for (int j = i; j > 0 && order.get(list.get(j - 1)) > order.get(list.get(j)); j--) {
                Hook moved = list.get(j);
                list.set(j, list.get(j - 1));
                list.set(j - 1, moved);
            }
        }
    }

    private static String describe(MethodTarget target) {
        return target.descriptor() == null ? "" : target.descriptor();
    }

    /**
     * Named modules (java.base...) do not read the bootstrap loader's unnamed module where the bridge lives;
     * without this edge the prologue fails with IllegalAccessError.
     */
    private void letModuleReadBridge(Module module) {
        Module bridge = Intercept.class.getModule();
        if (module != null && module.isNamed() && !module.canRead(bridge) && instrumentation != null) {
            instrumentation.redefineModule(module, Set.of(bridge), Map.of(), Map.of(), Set.of(), Map.of());
        }
    }

    boolean wasRewritten(String binaryName) {
        return rewritten.contains(binaryName);
    }

    boolean hasFailed(String binaryName) {
        return failed.contains(binaryName);
    }

    /** What matching overrides cost so far, for the debug log. */
    String hierarchyStats() {
        return hierarchy == null ? "no subtype hooks" : hierarchy.stats();
    }
}
