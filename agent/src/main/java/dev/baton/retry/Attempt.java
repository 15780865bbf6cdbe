package dev.baton.retry;

/** One try of the operation being retried. */
@FunctionalInterface
public interface Attempt<T> {
    T run() throws Throwable;
}
