package dev.baton.core;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

import org.slf4j.Logger;

import dev.baton.bridge.Baton;
import dev.baton.config.BatonConfig;
import dev.baton.config.Keys;
import dev.baton.config.Problem;
import dev.baton.instrument.Hook;
import dev.baton.instrument.InstallReport;
import dev.baton.instrument.Installer;
import dev.baton.instrument.LazyInterceptor;
import dev.baton.log.BatonLog;
import dev.baton.log.LogLevel;
import jdk.jfr.FlightRecorder;

/**
 * Starts Baton inside the application's JVM: configuration, logging, JFR event registration, features, and the
 * instrumentation, then one log line that says what is active. Called by the entry point through {@link AtLaunch}
 * or {@link Attached}.
 */
public final class AgentStartup {
    /** Exit status with baton.onError=fail and a broken configuration. */
    static final int CONFIG_EXIT_STATUS = 2;

    private AgentStartup() {
    }

    /** The entry point's premain: called through a JDK interface, not reflection (see BatonAgent). */
    public static final class AtLaunch implements BiConsumer<String, Instrumentation> {
        @Override
        public void accept(String agentArgs, Instrumentation instrumentation) {
            start(agentArgs, instrumentation, true);
        }
    }

    /** The entry point's agentmain. */
    public static final class Attached implements BiConsumer<String, Instrumentation> {
        @Override
        public void accept(String agentArgs, Instrumentation instrumentation) {
            start(agentArgs, instrumentation, false);
        }
    }

    public static void start(String agentArgs, Instrumentation instrumentation, boolean atLaunch) {
        long startNanos = System.nanoTime();
        BatonConfig config = BatonConfig.load(agentArgs);
        LogLevel.set(config.get(Keys.LOG_LEVEL));
        Logger log = BatonLog.get();
        if (!config.get(Keys.ENABLED)) {
            log.debug("disabled by baton.enabled=false");
            return;
        }
        for (String warning : config.warnings()) {
            log.warn(warning);
        }
        boolean failFast = "fail".equals(config.get(Keys.ON_ERROR));
        HookCatalog catalog = HookCatalog.build(config);
        for (Problem problem : catalog.problems()) {
            config.addProblem(problem);
        }
        reportProblems(config, failFast, log);
        Baton.installFailureSink(new FallbackReporter());
        registerEvents(log);

        BatonContext context = new BatonContext(config, instrumentation);
        List<String> active = new ArrayList<>();
        Installer installer = new Installer(instrumentation, new OnceEach(log));
        List<Hook> hooks = startFeatures(catalog, context, installer, failFast, active, log);
        if (failFast) {
            checkLockLocation(catalog, context, active, log);
        }
        InstallReport report = installer.install(hooks);
        if (log.isDebugEnabled()) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> log.debug("matching overrides and implementations"
                    + " cost: {}", installer.subtypeMatchingStats()), "baton-stats"));
        }
        log.info("Baton {} on Java {}{}, {} ms: active [{}]; {}", Version.get(), Runtime.version().feature(),
                atLaunch ? "" : " (attached)", (System.nanoTime() - startNanos) / 1_000_000, String.join(", ", active),
                report.summary());
        if (!report.failed().isEmpty() && failFast) {
            exit("could not rewrite " + report.failed() + " and baton.onError=fail", log);
        }
    }

    private static void reportProblems(BatonConfig config, boolean failFast, Logger log) {
        for (Problem problem : config.problems()) {
            log.error("{}; {}", problem.message(), failFast ? "stopping (baton.onError=fail)"
                    : consequence(problem));
        }
        if (failFast && !config.problems().isEmpty()) {
            exit("configuration is invalid and baton.onError=fail", log);
        }
    }

    /**
     * Notices of the installer (a rule that matches nothing, a refused method): each distinct one logged once. A
     * class, not a lambda: the first lambda of a JVM costs it start-up time.
     */
    private static final class OnceEach implements java.util.function.Consumer<String> {
        private final java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final Logger log;

        OnceEach(Logger log) {
            this.log = log;
        }

        @Override
        public void accept(String notice) {
            if (seen.add(notice)) {
                log.warn(notice);
            }
        }
    }

    private static String consequence(Problem problem) {
        String feature = problem.feature();
        if ("core".equals(feature)) {
            return "using the default";
        }
        if (feature.startsWith("rule ") || feature.startsWith("recipe ")) {
            return feature + " left out, the other rules apply";
        }
        return "feature '" + feature + "' disabled";
    }

    /**
     * Turns the specs of each feature that is enabled, valid and declared hooks into hooks. The interceptors are
     * built on first call of their method: installing needs only the catalog's targets. The feature itself starts
     * then too (its coordinators, pools, module openings), so a JVM that never calls a hooked method of a feature
     * never pays for starting it; only with {@code baton.onError=fail} does every feature start here, so that one
     * that cannot start stops the JVM before {@code main}, as that setting promises.
     */
    private static List<Hook> startFeatures(HookCatalog catalog, BatonContext context, Installer installer,
            boolean failFast, List<String> active, Logger log) {
        List<Hook> hooks = new ArrayList<>();
        for (Feature feature : catalog.features()) {
            List<HookSpec> specs = catalog.specsOf(feature);
            if (specs.isEmpty() || !canStart(feature, context)) {
                continue;
            }
            // Started at once (onError=fail), a feature has its classes rewritten at once too.
            Set<String> rewriteOnStart = new HashSet<>();
            for (HookSpec spec : specs) {
                if (!failFast && spec.rewritesLoadedClassOnFeatureStart()) {
                    rewriteOnStart.add(spec.target().className());
                }
            }
            FeatureStart start = new FeatureStart(feature, context, installer, rewriteOnStart);
            if (failFast) {
                try {
                    start.interceptors();
                } catch (Throwable t) {
                    Baton.fallback("start of feature " + feature.name(), t);
                    exit("feature " + feature.name() + " could not start and baton.onError=fail", log);
                }
            }
            for (HookSpec spec : specs) {
                hooks.add(new Hook(spec.label(), spec.target(), new LazyInterceptor(spec.label(),
                        new SpecInterceptor(start, spec)), spec.matchesSubtypes(),
                        rewriteOnStart.contains(spec.target().className())));
            }
            active.add(feature.name());
        }
        return hooks;
    }

    /**
     * With baton.onError=fail, protection that would be lost at run time must stop the start instead: an unusable
     * lock location (a file, no write permission, a full disk) ends the JVM before main, in one line.
     */
    private static void checkLockLocation(HookCatalog catalog, BatonContext context, List<String> active,
            Logger log) {
        boolean locking = false;
        for (Feature feature : catalog.features()) {
            locking |= active.contains(feature.name()) && feature.requires().contains("lock");
        }
        if (!locking) {
            return;
        }
        try {
            context.checkLockLocation();
        } catch (java.io.IOException | RuntimeException e) {
            exit("the lock location is unusable (" + e + ") and baton.onError=fail", log);
        }
    }

    private static boolean canStart(Feature feature, BatonContext context) {
        BatonConfig config = context.config();
        if (config.isBroken(feature.name()) || !feature.enabled(config)) {
            return false;
        }
        for (String required : feature.requires()) {
            if (config.isBroken(required)) {
                return false;
            }
        }
        return true;
    }

    /**
     * jfr view and jfr summary only know event types registered before the first chunk. Registering costs ~180 ms
     * of startup, so it happens when the recorder initializes (at once if it already runs): every recording still
     * starts with Baton's types, and JVMs that never record pay ~20 ms for the listener.
     */
    private static void registerEvents(Logger log) {
        try {
            FlightRecorder.addListener(new EventRegistration());
        } catch (Throwable t) {
            log.debug("JFR events not registered", t);
        }
    }

    private static void exit(String why, Logger log) {
        log.error("exiting with status {}: {}", CONFIG_EXIT_STATUS, why);
        System.exit(CONFIG_EXIT_STATUS);
    }
}
