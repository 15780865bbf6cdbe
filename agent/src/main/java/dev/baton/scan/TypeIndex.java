package dev.baton.scan;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The classes of everything scanned, by header and members: which types a class extends or implements (so a rule on
 * an interface finds its implementations) and what a key expression such as {@code this.ctx.jarFile} can read.
 * Types outside the scanned jars are unknown: nothing is claimed about them.
 */
final class TypeIndex {
    /** One scanned class: its supertypes, its fields and its no-argument methods (name to type descriptor). */
    private record Members(String superName, List<String> interfaces, Map<String, String> fields,
            Map<String, String> noArgumentMethods) {
    }

    /** What every object has: java.lang.Object is not scanned. */
    private static final Map<String, String> OBJECT_MEMBERS = Map.of("toString", "Ljava/lang/String;",
            "hashCode", "I", "class", "Ljava/lang/Class;", "getClass", "Ljava/lang/Class;");

    private final Map<String, Members> types = new HashMap<>();

    void add(byte[] classFile) {
        ClassReader reader = new ClassReader(classFile);
        Map<String, String> fields = new HashMap<>();
        Map<String, String> methods = new HashMap<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature,
                    Object value) {
                if ((access & Opcodes.ACC_STATIC) == 0) {
                    fields.put(name, descriptor);
                }
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                if ((access & Opcodes.ACC_STATIC) == 0 && descriptor.startsWith("()") && !descriptor.endsWith("V")) {
                    methods.putIfAbsent(name, Type.getReturnType(descriptor).getDescriptor());
                }
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        types.put(reader.getClassName().replace('/', '.'), new Members(reader.getSuperName(),
                List.of(reader.getInterfaces()), fields, methods));
    }

    boolean knows(String className) {
        return types.containsKey(className);
    }

    /** The scanned supertypes (and unknown ones by name) of a scanned class, not the class itself. */
    Set<String> supertypes(String className) {
        Set<String> found = new LinkedHashSet<>();
        ArrayDeque<String> pending = new ArrayDeque<>(direct(className));
        while (!pending.isEmpty()) {
            String type = pending.poll();
            if (found.add(type)) {
                pending.addAll(direct(type));
            }
        }
        return found;
    }

    private List<String> direct(String className) {
        Members members = types.get(className);
        if (members == null) {
            return List.of();
        }
        List<String> direct = new ArrayList<>();
        if (members.superName != null) {
            direct.add(members.superName.replace('/', '.'));
        }
        members.interfaces.forEach(i -> direct.add(i.replace('/', '.')));
        return direct;
    }

    /**
     * The type a member read yields, as rules read members: {@code name()}, {@code getName()}, {@code isName()} or
     * the field {@code name}, in the class or its supertypes. Null when the class is not scanned (unknown, not
     * missing); "" when it is scanned and has no such member.
     */
    String memberType(String className, String name) {
        if (!knows(className)) {
            return null;
        }
        String ofObject = OBJECT_MEMBERS.get(name);
        if (ofObject != null) {
            return ofObject;
        }
        String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        List<String> hierarchy = new ArrayList<>();
        hierarchy.add(className);
        hierarchy.addAll(supertypes(className));
        boolean allKnown = true;
        for (String type : hierarchy) {
            Members members = types.get(type);
            if (members == null) {
                allKnown &= type.equals("java.lang.Object");
                continue;
            }
            for (String method : new String[] {name, "get" + capitalized, "is" + capitalized}) {
                if (members.noArgumentMethods.containsKey(method)) {
                    return members.noArgumentMethods.get(method);
                }
            }
            if (members.fields.containsKey(name)) {
                return members.fields.get(name);
            }
        }
        // A supertype outside the scanned jars may declare it.
        return allKnown ? "" : null;
    }
}
