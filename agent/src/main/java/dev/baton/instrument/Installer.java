package dev.baton.instrument;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.baton.bridge.Baton;
import dev.baton.bridge.Intercept;

/**
 * Applies hooks: classes loaded later are rewritten as they load; classes that a hook names and that are already
 * loaded (JDK classes such as java.nio.file.Files) are retransformed now, or, when all their hooks say so, when
 * their feature first starts ({@link #rewriteDeferred}): retransforming costs every JVM start-up time, and a JVM
 * that never needs the feature should not pay it. Then reports what happened (self-test).
 */
public final class Installer {
    private final Instrumentation instrumentation;
    /** Loaded classes whose rewrite waits for their feature, by name. */
    private final Map<String, Class<?>> deferred = new HashMap<>();

    public Installer(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    public InstallReport install(List<Hook> hooks) {
        Map<String, List<Hook>> byInternalName = new HashMap<>();
        for (Hook hook : hooks) {
            List<Hook> same = byInternalName.get(hook.target().internalClassName());
            if (same == null) {
                same = new ArrayList<>();
                byInternalName.put(hook.target().internalClassName(), same);
            }
            same.add(hook);
        }
        if (byInternalName.isEmpty()) {
            return new InstallReport(List.of(), List.of(), List.of(), List.of());
        }
        HookRegistry registry = new HookRegistry();
        Intercept.installDispatcher(new HookDispatcher(registry, new OriginalMethods(instrumentation)));
        HookTransformer transformer = new HookTransformer(byInternalName, registry, instrumentation);
        instrumentation.addTransformer(transformer, true);

        Set<String> names = new LinkedHashSet<>();
        for (String internalName : byInternalName.keySet()) {
            names.add(internalName.replace('/', '.'));
        }
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : loadedTargets(names)) {
            if (allLater(byInternalName.get(type.getName().replace('.', '/')))) {
                synchronized (this) {
                    deferred.put(type.getName(), type);
                }
            } else {
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
        List<Class<?>> due = new ArrayList<>();
        synchronized (this) {
            for (String name : binaryNames) {
                Class<?> type = deferred.remove(name);
                if (type != null) {
                    due.add(type);
                }
            }
        }
        retransform(due);
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

    private static boolean allLater(List<Hook> hooks) {
        for (Hook hook : hooks) {
            if (!hook.rewriteLoadedLater()) {
                return false;
            }
        }
        return true;
    }

    private List<Class<?>> loadedTargets(Set<String> names) {
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (names.contains(type.getName()) && instrumentation.isModifiableClass(type)) {
                loaded.add(type);
            }
        }
        return loaded;
    }

    private InstallReport report(Set<String> names, List<Class<?>> loaded, HookTransformer transformer) {
        List<String> whenNeeded;
        synchronized (this) {
            whenNeeded = new ArrayList<>(deferred.keySet());
        }
        whenNeeded.sort(null);
        Set<String> loadedNames = new LinkedHashSet<>(whenNeeded);
        for (Class<?> type : loaded) {
            loadedNames.add(type.getName());
        }
        List<String> now = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> later = new ArrayList<>();
        for (String name : names) {
            if (whenNeeded.contains(name)) {
                continue;
            }
            if (!loadedNames.contains(name)) {
                later.add(name);
            } else if (transformer.wasRewritten(name) && !transformer.hasFailed(name)) {
                now.add(name);
            } else {
                failed.add(name);
            }
        }
        now.sort(null);
        later.sort(null);
        return new InstallReport(now, whenNeeded, later, failed);
    }
}
