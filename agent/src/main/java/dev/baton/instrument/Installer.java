package dev.baton.instrument;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import dev.baton.bridge.Baton;
import dev.baton.bridge.Intercept;

/**
 * Applies hooks: classes loaded later are rewritten as they load; classes that a hook names or that extend a type a
 * subtype-matching hook names, and that are already loaded (JDK classes such as java.nio.file.Files), are
 * retransformed now. Then reports what happened (self-test).
 */
public final class Installer {
    private final Instrumentation instrumentation;
    private final Consumer<String> notices;
    private HookTransformer transformer;

    /** @param notices what users should know once: hooks that match nothing in a loaded class, refused methods */
    public Installer(Instrumentation instrumentation, Consumer<String> notices) {
        this.instrumentation = instrumentation;
        this.notices = notices;
    }

    public InstallReport install(List<Hook> hooks) {
        if (hooks.isEmpty()) {
            return new InstallReport(List.of(), List.of(), List.of());
        }
        HookRegistry registry = new HookRegistry();
        Intercept.installDispatcher(new HookDispatcher(registry, new OriginalMethods(instrumentation)));
        transformer = new HookTransformer(hooks, registry, instrumentation, notices);
        instrumentation.addTransformer(transformer, true);

        Set<String> names = new LinkedHashSet<>();
        for (String internalName : transformer.namedClasses()) {
            names.add(internalName.replace('/', '.'));
        }
        Set<String> supertypes = new LinkedHashSet<>();
        for (String internalName : transformer.supertypes()) {
            supertypes.add(internalName.replace('/', '.'));
        }
        List<Class<?>> loaded = loadedTargets(names, supertypes);
        if (!loaded.isEmpty()) {
            try {
                instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
            } catch (Throwable t) {
                Baton.fallback("retransform " + loaded, t);
            }
        }
        return report(names, loaded, transformer);
    }

    /** What matching overrides and implementations has cost so far (header reads, time), for the debug log. */
    public String subtypeMatchingStats() {
        return transformer == null ? "no hooks" : transformer.hierarchyStats();
    }

    private List<Class<?>> loadedTargets(Set<String> names, Set<String> supertypes) {
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if ((names.contains(type.getName()) || (!supertypes.isEmpty() && extendsAny(type, supertypes)))
                    && instrumentation.isModifiableClass(type)) {
                loaded.add(type);
            }
        }
        return loaded;
    }

    /** A loaded class can be asked directly: no header reading needed. */
    private static boolean extendsAny(Class<?> type, Set<String> supertypes) {
        for (Class<?> superclass = type.getSuperclass(); superclass != null; superclass = superclass.getSuperclass()) {
            if (supertypes.contains(superclass.getName())) {
                return true;
            }
        }
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            for (Class<?> implemented : current.getInterfaces()) {
                if (supertypes.contains(implemented.getName()) || extendsAny(implemented, supertypes)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static InstallReport report(Set<String> names, List<Class<?>> loaded, HookTransformer transformer) {
        Set<String> loadedNames = new LinkedHashSet<>();
        for (Class<?> type : loaded) {
            loadedNames.add(type.getName());
        }
        List<String> now = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> later = new ArrayList<>();
        for (String name : loadedNames) {
            if (transformer.hasFailed(name)) {
                failed.add(name);
            } else if (transformer.wasRewritten(name)) {
                now.add(name);
            }
        }
        for (String name : names) {
            if (!loadedNames.contains(name)) {
                later.add(name);
            }
        }
        now.sort(null);
        later.sort(null);
        return new InstallReport(now, later, failed);
    }
}
