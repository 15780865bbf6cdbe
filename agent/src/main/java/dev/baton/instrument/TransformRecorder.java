package dev.baton.instrument;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.baton.bridge.Baton;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/** Remembers which classes were rewritten (for the self-test) and reports failed rewrites as fallbacks. */
final class TransformRecorder extends AgentBuilder.Listener.Adapter {
    private final Set<String> transformed = ConcurrentHashMap.newKeySet();

    @Override
    public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
            DynamicType dynamicType) {
        transformed.add(type.getName());
    }

    @Override
    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
        // The class keeps its original code: exactly the fail-open behaviour we want, but it must be visible.
        Baton.fallback("instrument " + typeName, error);
    }

    boolean wasTransformed(String typeName) {
        return transformed.contains(typeName);
    }
}
