package dev.baton.instrument;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.objectweb.asm.ClassReader;

/**
 * What a rule on an interface or base class costs each loading class: the transformer's header read and supertype
 * walk ({@link TypeHierarchy}) over every class of the test class path's jars, first with an empty cache (a fresh
 * JVM loading a tool), then again (cached). Prints {@code BENCH hierarchy ...}; CPU time, so that other load on the
 * machine does not count. Run with {@code mvn -B -q -pl agent -Pbench verify -Dbench=hierarchy}.
 */
public final class TypeHierarchyBenchmark {
    private TypeHierarchyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<URL> urls = new ArrayList<>();
        List<byte[]> classes = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                urls.add(new File(entry).toURI().toURL());
                read(entry, classes);
            }
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        try (URLClassLoader loader = new URLClassLoader(urls.toArray(new URL[0]), null)) {
            TypeHierarchy hierarchy = new TypeHierarchy(Set.of("com/acme/Installer"));
            long coldStart = cpu.getCurrentThreadCpuTime();
            walkAll(hierarchy, loader, classes);
            long cold = cpu.getCurrentThreadCpuTime() - coldStart;
            String coldStats = hierarchy.stats();
            long warmStart = cpu.getCurrentThreadCpuTime();
            walkAll(hierarchy, loader, classes);
            long warm = cpu.getCurrentThreadCpuTime() - warmStart;
            System.out.printf("cold pass: %s%n", coldStats);
            System.out.printf("BENCH hierarchy classes=%d jars=%d cold_cpu_ms=%.1f cold_us_per_class=%.1f"
                    + " warm_us_per_class=%.1f load=%.1f%n", classes.size(), urls.size(), cold / 1e6,
                    cold / 1e3 / classes.size(), warm / 1e3 / classes.size(),
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** As the transformer does for each loading class: read its header, walk its supertypes. */
    private static void walkAll(TypeHierarchy hierarchy, ClassLoader loader, List<byte[]> classes) {
        for (byte[] bytes : classes) {
            ClassReader header = new ClassReader(bytes);
            hierarchy.targetsAmongSupertypes(loader, null, header.getClassName(), header.getSuperName(),
                    List.of(header.getInterfaces()));
        }
    }

    private static void read(String jar, List<byte[]> classes) throws IOException {
        try (JarFile file = new JarFile(jar)) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().endsWith(".class") && !entry.getName().startsWith("META-INF/")
                        && !entry.getName().endsWith("module-info.class")) {
                    try (InputStream in = file.getInputStream(entry)) {
                        classes.add(in.readAllBytes());
                    }
                }
            }
        }
    }
}
