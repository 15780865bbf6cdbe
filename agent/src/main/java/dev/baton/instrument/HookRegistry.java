package dev.baton.instrument;

import java.util.Arrays;

/** Hands out hook ids and finds bindings by id, lock-free on the read path (every intercepted call reads it). */
final class HookRegistry {
    private volatile HookBinding[] bindings = new HookBinding[64];
    private int next;

    synchronized HookBinding bind(Hook hook, String className, String methodName, String descriptor,
            String[] exceptions, boolean isStatic, ClassLoader loader) {
        int id = next++;
        HookBinding binding = new HookBinding(id, hook, className, methodName, descriptor, exceptions, isStatic,
                loader);
        HookBinding[] current = bindings;
        if (id >= current.length) {
            current = Arrays.copyOf(current, current.length * 2);
        }
        current[id] = binding;
        bindings = current;
        return binding;
    }

    HookBinding get(int id) {
        HookBinding[] current = bindings;
        return id >= 0 && id < current.length ? current[id] : null;
    }
}
