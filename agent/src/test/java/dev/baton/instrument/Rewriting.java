package dev.baton.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import dev.baton.bridge.Baton;
import dev.baton.bridge.Intercept;

/**
 * Test support: rewrites test classes with hooks as the JVM would while their class loader defines them, installs the
 * dispatcher, and loads the results in a fresh loader (which runs the JVM's verifier on them).
 */
final class Rewriting {
    private Rewriting() {
    }

    /** The loader holding the rewritten classes, and the transformer that rewrote them. */
    record Result(ClassLoader loader, HookTransformer transformer) {
        Class<?> load(String className) throws ClassNotFoundException {
            return loader.loadClass(className);
        }
    }

    static Result rewriteAll(List<String> classNames, List<Hook> hooks, Consumer<String> fallbacks,
            Consumer<String> notices) throws IOException {
        HookRegistry registry = new HookRegistry();
        Intercept.installDispatcher(new HookDispatcher(registry, new OriginalMethods(null)));
        Baton.installFailureSink((site, failure) -> fallbacks.accept(site + ": " + failure));
        HookTransformer transformer = new HookTransformer(hooks, registry, null, notices);
        Map<String, byte[]> result = new HashMap<>();
        RewrittenLoader loader = new RewrittenLoader(result);
        for (String name : classNames) {
            byte[] original = read(name);
            byte[] rewritten = transformer.transform(null, loader, name.replace('.', '/'), null, null, original);
            result.put(name, rewritten != null ? rewritten : original);
        }
        return new Result(loader, transformer);
    }

    static void uninstall() {
        Intercept.installDispatcher(null);
        Baton.installFailureSink(null);
    }

    static byte[] read(String className) throws IOException {
        try (InputStream in = Rewriting.class.getResourceAsStream("/" + className.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        }
    }

    static Object invoke(Class<?> type, Object self, String name, Object... args) throws Exception {
        for (Method method : type.getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == args.length && !method.isBridge()) {
                return method.invoke(self, args);
            }
        }
        throw new NoSuchMethodException(name);
    }

    /** The class files of a jar by internal name (META-INF and module-info left out). */
    static Map<String, byte[]> jarClasses(Path jar) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class")) {
                    try (InputStream in = file.getInputStream(entry)) {
                        classes.put(name.substring(0, name.length() - ".class".length()), in.readAllBytes());
                    }
                }
            }
        }
        return classes;
    }

    /** Defines the given classes itself (child first), everything else from the test class path. */
    static final class RewrittenLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        RewrittenLoader(Map<String, byte[]> classes) {
            super(Rewriting.class.getClassLoader());
            this.classes = classes;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                byte[] bytes = classes.get(name);
                if (bytes == null) {
                    return super.loadClass(name, resolve);
                }
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : defineClass(name, bytes, 0, bytes.length);
            }
        }
    }
}
