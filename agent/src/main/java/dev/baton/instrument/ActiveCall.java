package dev.baton.instrument;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import dev.baton.bridge.ReentryGuard;

/**
 * An intercepted invocation in progress. Remembers whether the original ran and what it produced, so the dispatcher
 * can keep the fail-open promise when the interceptor breaks halfway.
 */
final class ActiveCall implements Call {
    private final HookBinding binding;
    private final Object self;
    private final Object[] arguments;
    private final OriginalMethods resolver;

    volatile boolean proceeded;
    volatile Object lastResult;
    volatile Throwable originalFailure;

    ActiveCall(HookBinding binding, Object self, Object[] arguments, OriginalMethods resolver) {
        this.binding = binding;
        this.self = self;
        this.arguments = arguments;
        this.resolver = resolver;
    }

    @Override
    public Object self() {
        return self;
    }

    @Override
    public Object[] arguments() {
        return arguments;
    }

    @Override
    public MethodTarget target() {
        return binding.hook.target();
    }

    @Override
    public String descriptor() {
        return binding.descriptor;
    }

    @Override
    public Object proceed() throws Throwable {
        return proceedWith(arguments);
    }

    @Override
    public Object proceedWith(Object[] newArguments) throws Throwable {
        Method reflective = binding.reflective(resolver, self);
        MethodHandle original = reflective == null ? binding.original(resolver) : null;
        Object[] spread = reflective != null || binding.isStatic ? newArguments : withReceiver(newArguments);
        int depth = ReentryGuard.suspendFor(binding.id);
        Object result;
        try {
            result = reflective != null ? invokeReflectively(reflective, spread) : original.invoke(spread);
        } catch (Throwable t) {
            if (ReentryGuard.resume(depth)) {
                proceeded = true;
                originalFailure = t;
            }
            // Otherwise the body never ran: Baton's own failure, which the dispatcher turns into a fallback.
            throw t;
        }
        ReentryGuard.resume(depth);
        proceeded = true;
        lastResult = result;
        originalFailure = null;
        return result;
    }

    /** The original's own exception, not reflection's wrapper of it. */
    private Object invokeReflectively(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(self, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private Object[] withReceiver(Object[] args) {
        Object[] all = new Object[args.length + 1];
        all[0] = self;
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }
}
