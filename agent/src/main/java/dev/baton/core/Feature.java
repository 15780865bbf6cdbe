package dev.baton.core;

import java.util.List;

import dev.baton.config.BatonConfig;
import dev.baton.instrument.Interceptor;
import dev.baton.instrument.MethodTarget;
import dev.baton.scan.CallSiteJudge;

/**
 * One thing Baton does (downloads, installs, sqlite, offload, rules, recipes): the integration SPI. Features are
 * found with {@link java.util.ServiceLoader} ({@code META-INF/services/dev.baton.core.Feature}, whose order is the
 * order of hook chains, see {@link Features}); nothing in {@code core} names one.
 *
 * <p>A feature's life: {@link #declare} once, when the {@link HookCatalog} is built (agent start-up, {@code scan},
 * {@code config}): pure data, nothing started. Then, in an agent and only when the feature is enabled, its
 * configuration valid and it declared at least one hook, {@link #start} once; the returned {@link Interceptors}
 * builds the interceptor of each of its specs when that spec is first needed.
 */
public interface Feature {
    /** Matches {@code Key.feature()} of the feature's keys: an invalid key disables the feature. */
    String name();

    /** Features that need another one (e.g. "lock") are not started when that one is broken. */
    default List<String> requires() {
        return List.of();
    }

    /** Whether this configuration and this JVM let the feature run. Scan lists a disabled feature's hooks too. */
    boolean enabled(BatonConfig config);

    /**
     * Adds this feature's hook specs to the catalog, and problems of configuration the feature reads itself (user
     * rules). Called once per catalog; must not start anything: the command line tools call it too.
     */
    void declare(BatonConfig config, HookCatalog.Declarations declarations);

    /**
     * Public API methods that applications call to reach the rewritten ones (HttpClient.send reaches the JDK's
     * internal facade): the scan command reports call sites of these too.
     */
    default List<MethodTarget> entryPoints() {
        return List.of();
    }

    /** Which call sites of this feature's methods scan reports, and how it tags them. */
    default CallSiteJudge callSites(BatonConfig config) {
        return CallSiteJudge.ALWAYS;
    }

    /** Starts the feature's shared parts (coordinators, pools) and returns what builds its interceptors. */
    Interceptors start(BatonContext context) throws Exception;

    /** Builds the interceptor for one of the feature's own specs. */
    @FunctionalInterface
    interface Interceptors {
        Interceptor forSpec(HookSpec spec) throws Exception;
    }
}
