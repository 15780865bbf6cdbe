package dev.baton.instrument;

/** One intercepted invocation, handed to an {@link Interceptor}. */
public interface Call {
    /** The receiver, or null for a static method. */
    Object self();

    /** The arguments, primitives boxed. The interceptor may read them; to change them use proceedWith. */
    Object[] arguments();

    MethodTarget target();

    /** The descriptor of the invoked method (the target's may be null when it names every overload). */
    String descriptor();

    /** Runs the original method body with the original arguments on the current thread. */
    Object proceed() throws Throwable;

    /** Runs the original method body with other arguments (same count and types). */
    Object proceedWith(Object[] arguments) throws Throwable;
}
