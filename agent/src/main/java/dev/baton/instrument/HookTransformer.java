package dev.baton.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

import dev.baton.bridge.Baton;
import dev.baton.bridge.Intercept;

/**
 * Rewrites the classes that hooks name. Every other class costs one hash lookup on its name, so Baton adds nothing
 * measurable to class loading. A failed rewrite leaves the class as it was and is reported as a fallback.
 */
final class HookTransformer implements ClassFileTransformer {
    private final Map<String, List<Hook>> hooksByInternalName;
    private final HookRegistry registry;
    private final Instrumentation instrumentation;
    private final Set<String> rewritten = ConcurrentHashMap.newKeySet();
    private final Set<String> failed = ConcurrentHashMap.newKeySet();

    HookTransformer(Map<String, List<Hook>> hooksByInternalName, HookRegistry registry,
            Instrumentation instrumentation) {
        this.hooksByInternalName = hooksByInternalName;
        this.registry = registry;
        this.instrumentation = instrumentation;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain domain, byte[] classfileBuffer) {
        List<Hook> hooks = className == null ? null : hooksByInternalName.get(className);
        if (hooks == null) {
            return null;
        }
        try {
            byte[] result = rewrite(loader, className, classfileBuffer, hooks);
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

    private byte[] rewrite(ClassLoader loader, String className, byte[] bytes, List<Hook> hooks) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        boolean[] changed = {false};
        String binaryName = className.replace('/', '.');
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
                Hook hook = hookFor(hooks, access, name, descriptor);
                if (hook == null) {
                    return next;
                }
                boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
                HookBinding binding = registry.bind(hook, binaryName, name, descriptor, isStatic, loader);
                changed[0] = true;
                return new PrologueWriter(next, binding.id, isStatic, descriptor, writeFrames);
            }
        }, 0);
        return changed[0] ? writer.toByteArray() : null;
    }

    /** Abstract and native methods have no body to run a prologue in; constructors are never hooked. */
    private static Hook hookFor(List<Hook> hooks, int access, String name, String descriptor) {
        if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_BRIDGE)) != 0 || name.startsWith("<")) {
            return null;
        }
        List<Hook> matching = new ArrayList<>();
        for (Hook hook : hooks) {
            if (hook.target().matches(name, descriptor)) {
                matching.add(hook);
            }
        }
        return matching.isEmpty() ? null : InterceptorChain.of(matching);
    }

    /**
     * Named modules (java.base...) do not read the bootstrap loader's unnamed module where the bridge lives;
     * without this edge the prologue fails with IllegalAccessError.
     */
    private void letModuleReadBridge(Module module) {
        Module bridge = Intercept.class.getModule();
        if (module != null && module.isNamed() && !module.canRead(bridge)) {
            instrumentation.redefineModule(module, Set.of(bridge), Map.of(), Map.of(), Set.of(), Map.of());
        }
    }

    boolean wasRewritten(String binaryName) {
        return rewritten.contains(binaryName);
    }

    boolean hasFailed(String binaryName) {
        return failed.contains(binaryName);
    }
}
