package dev.baton.scan.suggest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

import dev.baton.scan.ClassFiles;

/**
 * The scanned classes: their headers (type hierarchy, declared methods) read at once, their code parsed on demand
 * and kept in a small cache, so a 10 MB jar does not sit in memory as trees.
 */
final class CodeBase {
    /** Virtual calls with more implementations than this in the scanned code are not followed. */
    static final int MAX_IMPLEMENTATIONS = 16;
    private static final int CACHED_CLASSES = 512;

    private final Map<String, byte[]> classFiles = new LinkedHashMap<>();
    private final Map<String, Header> headers = new HashMap<>();
    private final Map<String, List<String>> subtypes = new HashMap<>();
    private final Map<String, ClassNode> parsed = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ClassNode> eldest) {
            return size() > CACHED_CLASSES;
        }
    };
    private int unreadable;
    /** Per method ("owner.name(desc)"): the calls it makes that may lead to scanned code, while reading. */
    private final Map<String, List<String[]>> callsOf = new HashMap<>();
    /** Methods that check or act on files themselves or through scanned callees: the only ones with findings. */
    private final Set<String> touchingFiles = new HashSet<>();
    private final Map<String, List<MethodRef>> resolved = new HashMap<>();

    /** A class's header: what dispatch needs. */
    record Header(String name, String superName, String[] interfaces, int access, Map<String, Integer> methods) {
    }

    static CodeBase read(List<Path> paths) throws IOException {
        CodeBase code = new CodeBase();
        for (Path path : paths) {
            ClassFiles.forEach(path, code::add);
        }
        code.headers.values().forEach(h -> {
            if (h.superName != null) {
                code.subtypes.computeIfAbsent(h.superName, k -> new ArrayList<>()).add(h.name);
            }
            for (String i : h.interfaces) {
                code.subtypes.computeIfAbsent(i, k -> new ArrayList<>()).add(h.name);
            }
        });
        code.propagateTouchingFiles();
        return code;
    }

    /** A method touches files when a scanned method it may call does (fixpoint over the call graph). */
    private void propagateTouchingFiles() {
        Map<String, List<String>> callers = new HashMap<>();
        callsOf.forEach((caller, calls) -> {
            for (String[] call : calls) {
                for (MethodRef target : targets(Integer.parseInt(call[0]), call[1], call[2], call[3])) {
                    callers.computeIfAbsent(target.owner() + "." + target.name() + target.desc(),
                            k -> new ArrayList<>()).add(caller);
                }
            }
        });
        callsOf.clear();
        ArrayDeque<String> pending = new ArrayDeque<>(touchingFiles);
        while (!pending.isEmpty()) {
            for (String caller : callers.getOrDefault(pending.poll(), List.of())) {
                if (touchingFiles.add(caller)) {
                    pending.add(caller);
                }
            }
        }
    }

    /** Whether the method may check or act on a file (itself or through scanned callees); others need no analysis. */
    boolean touchesFiles(MethodRef method) {
        return touchingFiles.contains(method.owner() + "." + method.name() + method.desc());
    }

    private void add(byte[] bytes) {
        try {
            ClassReader reader = new ClassReader(bytes);
            Map<String, Integer> methods = new HashMap<>();
            reader.accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    methods.put(name + descriptor, access);
                    String method = reader.getClassName() + "." + name + descriptor;
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitMethodInsn(int opcode, String owner, String callName, String callDesc,
                                boolean isInterface) {
                            if (!KnownCalls.touchesFiles(owner, callName, callDesc)) {
                                if (!owner.startsWith("java/") && !owner.startsWith("[")) {
                                    callsOf.computeIfAbsent(method, k -> new ArrayList<>())
                                            .add(new String[] {Integer.toString(opcode), owner, callName, callDesc});
                                }
                            } else {
                                touchingFiles.add(method);
                            }
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            String name = reader.getClassName();
            if (!classFiles.containsKey(name)) {
                classFiles.put(name, bytes);
                headers.put(name, new Header(name, reader.getSuperName(), reader.getInterfaces(), reader.getAccess(),
                        methods));
            }
        } catch (RuntimeException unreadableClass) {
            // Newer than this ASM knows, or broken: skipped, as the plain scan does.
            unreadable++;
        }
    }

    List<String> classNames() {
        return new ArrayList<>(classFiles.keySet());
    }

    int classCount() {
        return classFiles.size();
    }

    int unreadableCount() {
        return unreadable;
    }

    boolean contains(String internalName) {
        return headers.containsKey(internalName);
    }

    Header header(String internalName) {
        return headers.get(internalName);
    }

    /** The class with code and debug information (line numbers, local names); null if it is not scanned. */
    ClassNode node(String internalName) {
        ClassNode node = parsed.get(internalName);
        if (node == null && classFiles.containsKey(internalName)) {
            node = new ClassNode();
            new ClassReader(classFiles.get(internalName)).accept(node, ClassReader.SKIP_FRAMES);
            parsed.put(internalName, node);
        }
        return node;
    }

    MethodNode method(MethodRef ref) {
        ClassNode node = node(ref.owner());
        if (node != null) {
            for (MethodNode method : node.methods) {
                if (method.name.equals(ref.name()) && method.desc.equals(ref.desc())) {
                    return method;
                }
            }
        }
        return null;
    }

    /**
     * The scanned methods a call may run: for static and special calls the declaration (inherited ones too), for
     * virtual calls also every override in a scanned subtype. Empty when the call leaves the scanned code or may
     * reach more than {@link #MAX_IMPLEMENTATIONS} methods.
     */
    List<MethodRef> targets(int opcode, String owner, String name, String desc) {
        if (!headers.containsKey(owner)) {
            return List.of();
        }
        String key = (opcode == Opcodes.INVOKESTATIC || opcode == Opcodes.INVOKESPECIAL ? "s " : "v ") + owner + "."
                + name + desc;
        List<MethodRef> known = resolved.get(key);
        if (known == null) {
            known = resolve(opcode, owner, name, desc);
            resolved.put(key, known);
        }
        return known;
    }

    private List<MethodRef> resolve(int opcode, String owner, String name, String desc) {
        List<MethodRef> targets = new ArrayList<>();
        MethodRef declared = declaration(owner, name, desc);
        if (declared != null) {
            targets.add(declared);
        }
        if (opcode == Opcodes.INVOKESTATIC || opcode == Opcodes.INVOKESPECIAL) {
            return targets;
        }
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> pending = new ArrayDeque<>(subtypes.getOrDefault(owner, List.of()));
        while (!pending.isEmpty()) {
            String type = pending.poll();
            if (!seen.add(type)) {
                continue;
            }
            Header header = headers.get(type);
            Integer access = header == null ? null : header.methods.get(name + desc);
            if (access != null && (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0) {
                MethodRef ref = new MethodRef(type, name, desc);
                if (!targets.contains(ref)) {
                    targets.add(ref);
                }
                if (targets.size() > MAX_IMPLEMENTATIONS) {
                    return List.of();
                }
            }
            pending.addAll(subtypes.getOrDefault(type, List.of()));
        }
        return targets;
    }

    /** The concrete method a class declares or inherits from a scanned superclass; null if none. */
    private MethodRef declaration(String owner, String name, String desc) {
        String type = owner;
        while (type != null) {
            Header header = headers.get(type);
            if (header == null) {
                return null;
            }
            Integer access = header.methods.get(name + desc);
            if (access != null) {
                return (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) == 0
                        ? new MethodRef(type, name, desc) : null;
            }
            type = header.superName;
        }
        return null;
    }
}
