package dev.baton.instrument;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import dev.baton.bridge.Baton;
import dev.baton.bridge.Intercept;

/**
 * Applies hooks: classes loaded later are rewritten as they load; classes that a hook names or that extend a type a
 * subtype-matching hook names, and that are already loaded (JDK classes such as java.nio.file.Files), are
 * retransformed now, or, when every hook that names the class says so and no subtype-matching hook reaches it, when
 * the hooks' feature first starts ({@link #rewriteDeferred}): retransforming costs every JVM start-up time, and a
 * JVM that never needs the feature should not pay it. Then reports what happened (self-test).
 */
public final class Installer {
    private final Instrumentation instrumentation;
    private final Consumer<String> notices;
    private HookTransformer transformer;
    /** Loaded classes whose rewrite waits for their feature, by binary name (guarded by this). */
    private final Map<String, Class<?>> deferred = new HashMap<>();
    /**
     * Classes whose feature has started (guarded by this): a feature can start on another thread while
     * {@link #install} still looks at the loaded classes, and such a class must then be rewritten at once.
     */
    private final Set<String> due = new HashSet<>();

    /** @param notices what users should know once: hooks that match nothing in a loaded class, refused methods */
    public Installer(Instrumentation instrumentation, Consumer<String> notices) {
        this.instrumentation = instrumentation;
        this.notices = notices;
    }

    public InstallReport install(List<Hook> hooks) {
        if (hooks.isEmpty()) {
            return new InstallReport(List.of(), List.of(), List.of(), List.of());
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
        Set<String> deferrable = deferrable(hooks);
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : loadedTargets(names, supertypes)) {
            if (!deferrable.contains(type.getName()) || (!supertypes.isEmpty() && extendsAny(type, supertypes))
                    || !defer(type)) {
                loaded.add(type);
            }
        }
        retransform(loaded);
        return report(names, loaded, transformer);
    }

    /**
     * Rewrites now those of {@code binaryNames} whose rewrite was deferred: called when their feature starts,
     * before any of its interceptors runs. Each class is rewritten once.
     */
    public void rewriteDeferred(Collection<String> binaryNames) {
        List<Class<?>> now = new ArrayList<>();
        synchronized (this) {
            due.addAll(binaryNames);
            for (String name : binaryNames) {
                Class<?> type = deferred.remove(name);
                if (type != null) {
                    now.add(type);
                }
            }
        }
        retransform(now);
    }

    /** Leaves a loaded class for its feature's start, unless that feature started already. */
    private synchronized boolean defer(Class<?> type) {
        if (due.contains(type.getName())) {
            return false;
        }
        deferred.put(type.getName(), type);
        return true;
    }

    /** Binary names of the classes every hook naming them waits for its feature's start. */
    private static Set<String> deferrable(List<Hook> hooks) {
        Map<String, Boolean> allLater = new HashMap<>();
        for (Hook hook : hooks) {
            String name = hook.target().className();
            Boolean sofar = allLater.get(name);
            allLater.put(name, (sofar == null || sofar) && hook.rewriteLoadedLater());
        }
        Set<String> names = new HashSet<>();
        for (Map.Entry<String, Boolean> entry : allLater.entrySet()) {
            if (entry.getValue()) {
                names.add(entry.getKey());
            }
        }
        return names;
    }

    private void retransform(List<Class<?>> classes) {
        if (!classes.isEmpty()) {
            try {
                instrumentation.retransformClasses(classes.toArray(new Class<?>[0]));
            } catch (Throwable t) {
                Baton.fallback("retransform " + classes, t);
            }
        }
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

    private InstallReport report(Set<String> names, List<Class<?>> loaded, HookTransformer transformer) {
        List<String> whenNeeded;
        synchronized (this) {
            whenNeeded = new ArrayList<>(deferred.keySet());
        }
        whenNeeded.sort(null);
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
            if (!loadedNames.contains(name) && !whenNeeded.contains(name)) {
                later.add(name);
            }
        }
        now.sort(null);
        later.sort(null);
        return new InstallReport(now, whenNeeded, later, failed);
    }
}
