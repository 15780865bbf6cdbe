package dev.baton.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.security.ProtectionDomain;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.objectweb.asm.ClassReader;

/**
 * Answers "which of these types does the class being loaded extend or implement?" for hooks that also match
 * overrides and implementations (rules). A transformer must not load classes, so the answer comes from class
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
    /** The targets among each type and its supertypes, per loader as {@link #headers}. */
    private final Map<ClassLoader, Map<String, Set<String>>> answers = new WeakHashMap<>();
    private final Map<String, Set<String>> bootstrapAnswers = new ConcurrentHashMap<>();
    /** Per loader: whether it sees any target (the bootstrap loader under a stand-in key). */
    private final Map<Object, Visibility> visible = new WeakHashMap<>();
    private static final Object BOOTSTRAP = new Object();
    private static final int FIRST_RECHECK = 64;

    private static final class Visibility {
        boolean seen;
        long classes;
        long nextCheck = 1;
    }
    private final Set<String> targets;
    private final CodeSources codeSources = new CodeSources();
    private final boolean walkJdkTypes;
    private final AtomicLong walks = new AtomicLong();
    private final AtomicLong headerReads = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();

    /** @param targets internal names of the types whose subtypes are wanted */
    TypeHierarchy(Set<String> targets) {
        this.targets = Set.copyOf(targets);
        boolean jdk = false;
        for (String target : targets) {
            jdk |= isJdk(target);
        }
        this.walkJdkTypes = jdk;
    }

    /** False for JDK classes when no target is a JDK type: they never extend an application's class. */
    boolean mayExtendTargets(String internalName) {
        return walkJdkTypes || !isJdk(internalName);
    }

    /**
     * The targets among the proper supertypes of the class {@code internalName} being defined by {@code loader},
     * whose super class and interfaces are given (from its class file).
     */
    Set<String> targetsAmongSupertypes(ClassLoader loader, ProtectionDomain domain, String internalName,
            String superName, List<String> interfaces) {
        long start = System.nanoTime();
        try {
            if (!targetsVisible(loader)) {
                return Set.of();
            }
            walks.incrementAndGet();
            // Its own header, from the bytes at hand: a subclass loading later finds it without reading a resource.
            remember(loader, internalName, superName, interfaces);
            Set<String> found = new LinkedHashSet<>();
            if (superName != null) {
                found.addAll(targetsOf(loader, domain, superName, new HashSet<>()));
            }
            for (String implemented : interfaces) {
                found.addAll(targetsOf(loader, domain, implemented, new HashSet<>()));
            }
            return found;
        } finally {
            nanos.addAndGet(System.nanoTime() - start);
        }
    }

    /**
     * Whether any target's class file can be seen from {@code loader}: a class cannot extend a type its loader does
     * not see, so in a JVM (or a class loader) without the tool a rule names, classes cost no header reads at all
     * (Baton may be in every JVM of a build machine). Asked again while nothing is seen, for loaders that gain
     * jars after they were created: after {@value #FIRST_RECHECK} more classes, then after twice as many each time.
     */
    private boolean targetsVisible(ClassLoader loader) {
        Visibility visibility;
        synchronized (visible) {
            visibility = visible.computeIfAbsent(loader == null ? BOOTSTRAP : loader, l -> new Visibility());
        }
        synchronized (visibility) {
            if (visibility.seen || ++visibility.classes < visibility.nextCheck) {
                return visibility.seen;
            }
            visibility.nextCheck = visibility.classes == 1 ? FIRST_RECHECK : visibility.nextCheck * 2;
            ClassLoader source = loader != null ? loader : ClassLoader.getPlatformClassLoader();
            for (String target : targets) {
                if (source.getResource(target + ".class") != null) {
                    visibility.seen = true;
                    break;
                }
            }
            return visibility.seen;
        }
    }

    /**
     * The targets among {@code type} and its supertypes, remembered per loader: each type's answer is computed once
     * from its direct supertypes' answers, so a class costs a few lookups whatever the depth of its hierarchy.
     */
    private Set<String> targetsOf(ClassLoader loader, ProtectionDomain domain, String type, Set<String> visiting) {
        Map<String, Set<String>> known = answers(loader);
        Set<String> answer = known.get(type);
        if (answer != null) {
            return answer;
        }
        Set<String> found = new LinkedHashSet<>();
        if (targets.contains(type)) {
            found.add(type);
        }
        boolean walk = !type.equals("java/lang/Object") && (walkJdkTypes || !isJdk(type));
        if (walk && visiting.add(type)) {
            Header header = header(loader, domain, type);
            if (header.superName != null) {
                found.addAll(targetsOf(loader, domain, header.superName, visiting));
            }
            for (String implemented : header.interfaces) {
                found.addAll(targetsOf(loader, domain, implemented, visiting));
            }
        }
        answer = found.isEmpty() ? Set.of() : Set.copyOf(found);
        known.put(type, answer);
        return answer;
    }

    private void remember(ClassLoader loader, String internalName, String superName, List<String> interfaces) {
        cache(loader).putIfAbsent(internalName, new Header(superName, interfaces.toArray(new String[0])));
    }

    private Map<String, Set<String>> answers(ClassLoader loader) {
        if (loader == null) {
            return bootstrapAnswers;
        }
        synchronized (answers) {
            return answers.computeIfAbsent(loader, l -> new ConcurrentHashMap<>());
        }
    }

    private Map<String, Header> cache(ClassLoader loader) {
        if (loader == null) {
            return bootstrapHeaders;
        }
        synchronized (headers) {
            return headers.computeIfAbsent(loader, l -> new ConcurrentHashMap<>());
        }
    }

    private Header header(ClassLoader loader, ProtectionDomain domain, String type) {
        Map<String, Header> cache = cache(loader);
        Header header = cache.get(type);
        if (header == null) {
            header = read(loader, domain, type);
            cache.put(type, header);
        }
        return header;
    }

    private Header read(ClassLoader loader, ProtectionDomain domain, String type) {
        headerReads.incrementAndGet();
        String resource = type + ".class";
        try {
            byte[] sameJar = codeSources.read(domain, resource);
            if (sameJar != null) {
                return header(new ClassReader(sameJar));
            }
            // Class files are never encapsulated: the platform loader finds the JDK's through the boot layer.
            ClassLoader source = loader != null ? loader : ClassLoader.getPlatformClassLoader();
            try (InputStream in = source.getResourceAsStream(resource)) {
                return in == null ? NONE : header(new ClassReader(in));
            }
        } catch (IOException | RuntimeException unreadable) {
            // An unreadable supertype is treated as having none: the class is then matched by its own name only.
            return NONE;
        }
    }

    private static Header header(ClassReader reader) {
        return new Header(reader.getSuperName(), reader.getInterfaces());
    }

    static boolean isJdk(String internalName) {
        return internalName.startsWith("java/") || internalName.startsWith("javax/") || internalName.startsWith("jdk/")
                || internalName.startsWith("sun/") || internalName.startsWith("com/sun/");
    }

    /** "walks=N headerReads=M ms=T": what matching overrides cost so far (debug log, benchmark). */
    String stats() {
        return "walks=" + walks.get() + " headerReads=" + headerReads.get() + " ms="
                + String.format(java.util.Locale.ROOT, "%.1f", nanos.get() / 1e6);
    }
}
