package dev.baton.instrument;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.baton.bridge.Baton;
import dev.baton.bridge.Intercept;

/**
 * Applies hooks: classes loaded later are rewritten as they load; classes that a hook names and that are already
 * loaded (JDK classes such as java.nio.file.Files) are retransformed now. Then reports what happened (self-test).
 */
public final class Installer {
    private final Instrumentation instrumentation;

    public Installer(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    public InstallReport install(List<Hook> hooks) {
        Map<String, List<Hook>> byInternalName = new HashMap<>();
        for (Hook hook : hooks) {
            byInternalName.computeIfAbsent(hook.target().internalClassName(), n -> new ArrayList<>()).add(hook);
        }
        if (byInternalName.isEmpty()) {
            return new InstallReport(List.of(), List.of(), List.of());
        }
        HookRegistry registry = new HookRegistry();
        Intercept.installDispatcher(new HookDispatcher(registry, new OriginalMethods(instrumentation)));
        HookTransformer transformer = new HookTransformer(byInternalName, registry, instrumentation);
        instrumentation.addTransformer(transformer, true);

        Set<String> names = new LinkedHashSet<>();
        byInternalName.keySet().forEach(n -> names.add(n.replace('/', '.')));
        List<Class<?>> loaded = loadedTargets(names);
        if (!loaded.isEmpty()) {
            try {
                instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
            } catch (Throwable t) {
                Baton.fallback("retransform " + loaded, t);
            }
        }
        return report(names, loaded, transformer);
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

    private static InstallReport report(Set<String> names, List<Class<?>> loaded, HookTransformer transformer) {
        Set<String> loadedNames = new LinkedHashSet<>();
        loaded.forEach(type -> loadedNames.add(type.getName()));
        List<String> now = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        List<String> later = new ArrayList<>();
        for (String name : names) {
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
        return new InstallReport(now, later, failed);
    }
}
