package dev.baton.instrument;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.baton.bridge.Baton;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import java.lang.instrument.ClassFileTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.utility.JavaModule;

import java.security.ProtectionDomain;

/**
 * Applies hooks with Byte Buddy: classes loaded later are rewritten as they load, JDK classes that are already loaded
 * are retransformed (no class format changes, so retransformation is allowed).
 *
 * <p>Cost control: only exact class names are matched, a {@link NameFilter} keeps Byte Buddy away from every other
 * class, and only loaded classes that a hook names are retransformed.
 */
public final class Installer {
    private final Instrumentation instrumentation;

    public Installer(Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
    }

    public InstallReport install(List<Hook> hooks) {
        Map<String, List<Hook>> byType = new HashMap<>();
        for (Hook hook : hooks) {
            for (String type : hook.typeNames()) {
                byType.computeIfAbsent(type, t -> new ArrayList<>()).add(hook);
            }
        }
        if (byType.isEmpty()) {
            return new InstallReport(List.of(), List.of(), List.of());
        }
        TransformRecorder recorder = new TransformRecorder();
        ClassFileTransformer transformer = builder(byType, recorder).makeRaw();
        Set<String> internalNames = new HashSet<>();
        byType.keySet().forEach(name -> internalNames.add(name.replace('.', '/')));
        instrumentation.addTransformer(new NameFilter(internalNames, transformer), true);

        List<Class<?>> loaded = loadedTargets(byType.keySet());
        if (!loaded.isEmpty()) {
            try {
                instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
            } catch (Throwable t) {
                Baton.fallback("retransform " + loaded, t);
            }
        }
        return report(byType.keySet(), loaded, recorder);
    }

    private AgentBuilder builder(Map<String, List<Hook>> byType, TransformRecorder recorder) {
        ElementMatcher<TypeDescription> targeted = type -> byType.containsKey(type.getName());
        return new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.PoolStrategy.Default.FAST)
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_FIRST)
                .with(recorder)
                // Inlined advice in java.base and other named modules calls the bridge in the bootstrap unnamed
                // module; without a read edge that call fails with IllegalAccessError.
                .assureReadEdgeTo(instrumentation, Baton.class)
                .ignore(type -> !targeted.matches(type))
                .type(targeted)
                .transform(new Dispatch(byType));
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

    private static InstallReport report(Set<String> names, List<Class<?>> loaded, TransformRecorder recorder) {
        Set<String> loadedNames = new LinkedHashSet<>();
        loaded.forEach(type -> loadedNames.add(type.getName()));
        List<String> now = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (String name : loadedNames) {
            (recorder.wasTransformed(name) ? now : failed).add(name);
        }
        List<String> later = new ArrayList<>();
        for (String name : names) {
            if (!loadedNames.contains(name)) {
                later.add(name);
            }
        }
        now.sort(null);
        later.sort(null);
        return new InstallReport(now, later, failed);
    }

    /** Applies every hook registered for the class being transformed. */
    private static final class Dispatch implements AgentBuilder.Transformer {
        private final Map<String, List<Hook>> byType;

        Dispatch(Map<String, List<Hook>> byType) {
            this.byType = byType;
        }

        @Override
        public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder, TypeDescription type,
                ClassLoader loader, JavaModule module, ProtectionDomain domain) {
            DynamicType.Builder<?> result = builder;
            for (Hook hook : byType.getOrDefault(type.getName(), List.of())) {
                result = hook.transformer().transform(result, type, loader, module, domain);
            }
            return result;
        }
    }
}
