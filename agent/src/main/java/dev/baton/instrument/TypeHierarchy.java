package dev.baton.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.objectweb.asm.ClassReader;

/**
 * Answers "which of these types does the class being loaded extend or implement?" for hooks that also match
 * overrides and implementations (rules, recipes). A transformer must not load classes, so the answer comes from class
 * file headers (super class and interfaces), read through the defining loader as resources and cached per class
 * loader. JDK types are not walked unless a hook names one: a JDK class never extends an application's class.
 */
final class TypeHierarchy {
    private static final Header NONE = new Header(null, new String[0]);

    private record Header(String superName, String[] interfaces) {
    }

    /** Per defining loader (weakly held: a discarded loader takes its cache with it); bootstrap under null. */
    private final Map<ClassLoader, Map<String, Header>> headers = new WeakHashMap<>();
    private final Map<String, Header> bootstrapHeaders = new ConcurrentHashMap<>();
    private final Set<String> targets;
    private final boolean walkJdkTypes;
    private final LongAdder walks = new LongAdder();
    private final LongAdder headerReads = new LongAdder();
    private final LongAdder nanos = new LongAdder();

    /** @param targets internal names of the types whose subtypes are wanted */
    TypeHierarchy(Set<String> targets) {
        this.targets = Set.copyOf(targets);
        boolean jdk = false;
        for (String target : targets) {
            jdk |= isJdk(target);
        }
        this.walkJdkTypes = jdk;
    }

    /**
     * The targets among the proper supertypes of the class {@code internalName} being defined by {@code loader},
     * whose super class and interfaces are given (from its class file).
     */
    Set<String> targetsAmongSupertypes(ClassLoader loader, String internalName, String superName,
            List<String> interfaces) {
        long start = System.nanoTime();
        walks.increment();
        try {
            Set<String> found = new LinkedHashSet<>();
            Set<String> seen = new HashSet<>();
            ArrayDeque<String> pending = new ArrayDeque<>();
            if (superName != null) {
                pending.add(superName);
            }
            pending.addAll(interfaces);
            while (!pending.isEmpty()) {
                String type = pending.poll();
                if (!seen.add(type) || type.equals(internalName)) {
                    continue;
                }
                if (targets.contains(type)) {
                    found.add(type);
                }
                if (type.equals("java/lang/Object") || (!walkJdkTypes && isJdk(type))) {
                    continue;
                }
                Header header = header(loader, type);
                if (header.superName != null) {
                    pending.add(header.superName);
                }
                Collections.addAll(pending, header.interfaces);
            }
            return found;
        } finally {
            nanos.add(System.nanoTime() - start);
        }
    }

    private Header header(ClassLoader loader, String type) {
        Map<String, Header> cache;
        if (loader == null) {
            cache = bootstrapHeaders;
        } else {
            synchronized (headers) {
                cache = headers.computeIfAbsent(loader, l -> new ConcurrentHashMap<>());
            }
        }
        Header header = cache.get(type);
        if (header == null) {
            header = read(loader, type);
            cache.put(type, header);
        }
        return header;
    }

    private Header read(ClassLoader loader, String type) {
        headerReads.increment();
        String resource = type + ".class";
        // Class files are never encapsulated: the platform loader finds the JDK's through the boot layer.
        ClassLoader source = loader != null ? loader : ClassLoader.getPlatformClassLoader();
        try (InputStream in = source.getResourceAsStream(resource)) {
            if (in == null) {
                return NONE;
            }
            ClassReader reader = new ClassReader(in);
            return new Header(reader.getSuperName(), reader.getInterfaces());
        } catch (IOException | RuntimeException unreadable) {
            // An unreadable supertype is treated as having none: the class is then matched by its own name only.
            return NONE;
        }
    }

    static boolean isJdk(String internalName) {
        return internalName.startsWith("java/") || internalName.startsWith("javax/") || internalName.startsWith("jdk/")
                || internalName.startsWith("sun/") || internalName.startsWith("com/sun/");
    }

    /** "walks=N headerReads=M ms=T": what matching overrides cost so far (debug log, benchmark). */
    String stats() {
        return "walks=" + walks.sum() + " headerReads=" + headerReads.sum() + " ms="
                + String.format(java.util.Locale.ROOT, "%.1f", nanos.sum() / 1e6);
    }
}
