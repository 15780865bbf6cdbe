package dev.baton.bridge;

/**
 * The bridge's shared parts: whether Baton is running and where failures inside Baton are reported.
 *
 * <p>Bridge classes live on the bootstrap class path so that the prologue Baton writes into any class, JDK classes
 * included, can call them. They may use only java.base and jdk.jfr (a unit test checks this); the prologue calls
 * {@link Intercept}, whose dispatcher Baton's hidden runtime implements.
 */
public final class Baton {
    /** Receives failures inside Baton; implemented by the runtime (logs once per site, records baton.Fallback). */
    public interface FailureSink {
        void failed(String site, Throwable failure);
    }

    private static volatile FailureSink failureSink;

    private Baton() {
    }

    public static void installFailureSink(FailureSink sink) {
        failureSink = sink;
    }

    /**
     * Reports that Baton failed at {@code site} and the original call goes ahead unchanged. Never throws: Baton must
     * not break its host, not even while reporting its own failure.
     */
    public static void fallback(String site, Throwable failure) {
        FailureSink sink = failureSink;
        ReentryGuard.enter();
        try {
            if (sink != null) {
                sink.failed(site, failure);
            } else {
                System.err.println("[baton] " + site + " failed, running the original call: " + failure);
            }
        } catch (Throwable ignored) {
            // Nothing left to report to.
        } finally {
            ReentryGuard.exit();
        }
    }
}
