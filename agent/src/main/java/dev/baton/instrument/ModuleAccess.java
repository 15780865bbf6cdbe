package dev.baton.instrument;

import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Opens a JDK-internal package to Baton's own code, for interceptors that must read JDK implementation objects. */
public final class ModuleAccess {
    private ModuleAccess() {
    }

    /** Opens {@code packageName} of boot-layer module {@code moduleName} to the module of {@code reader}. */
    public static void open(Instrumentation instrumentation, String moduleName, String packageName, Class<?> reader) {
        Optional<Module> module = ModuleLayer.boot().findModule(moduleName);
        if (instrumentation == null || module.isEmpty() || module.get().isOpen(packageName, reader.getModule())) {
            return;
        }
        instrumentation.redefineModule(module.get(), Set.of(), Map.of(), Map.of(packageName,
                Set.of(reader.getModule())), Set.of(), Map.of());
    }
}
