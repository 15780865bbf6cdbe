package dev.baton.install;

import java.util.List;

import dev.baton.config.BatonConfig;
import dev.baton.config.Keys;
import dev.baton.core.BatonContext;
import dev.baton.core.Feature;
import dev.baton.core.HookCatalog;
import dev.baton.core.HookSpec;
import dev.baton.instrument.MethodTarget;
import dev.baton.scan.CallSiteJudge;

/** Install serialisation: one package-manager process at a time per directory, across processes. */
public final class InstallFeature implements Feature {
    private static final String PROCESS_START = "process-start";
    private static final String PROCESS_EXIT = "process-exit";
    /** The JDK's Process implementation, on Linux, macOS and Windows alike. */
    private static final String PROCESS_IMPL = "java.lang.ProcessImpl";

    @Override
    public String name() {
        return "install";
    }

    @Override
    public List<String> requires() {
        return List.of("lock");
    }

    @Override
    public boolean enabled(BatonConfig config) {
        return config.get(Keys.INSTALL_ENABLED);
    }

    @Override
    public void declare(BatonConfig config, HookCatalog.Declarations hooks) {
        // Runtime.exec ends here too.
        hooks.add(HookSpec.preset(name(), PROCESS_START, "java.lang.ProcessBuilder", "start",
                "()Ljava/lang/Process;"));
        // Where the application learns that a process exited: an install's lease ends before it does. Only a
        // process started through the hook above holds a lease, so the JDK's ProcessImpl (already loaded in some
        // JVMs when Baton starts) is rewritten when this feature starts, not at every JVM's start.
        for (String[] method : new String[][] {{"waitFor", "()I"}, {"waitFor", "(JLjava/util/concurrent/TimeUnit;)Z"},
                {"exitValue", "()I"}, {"isAlive", "()Z"}}) {
            hooks.add(HookSpec.preset(name(), PROCESS_EXIT, PROCESS_IMPL, method[0], method[1],
                    HookSpec.REWRITE_LOADED, HookSpec.ON_FEATURE_START));
        }
    }

    @Override
    public List<MethodTarget> entryPoints() {
        return List.of(new MethodTarget("java.lang.Runtime", "exec", null));
    }

    @Override
    public CallSiteJudge callSites(BatonConfig config) {
        return new InstallCallSites(new InstallCommandParser(config.get(Keys.INSTALL_COMMANDS)));
    }

    @Override
    public Interceptors start(BatonContext context) {
        InstallCommandParser parser = new InstallCommandParser(context.config().get(Keys.INSTALL_COMMANDS));
        RunningInstalls running = new RunningInstalls();
        InstallInterceptor start = new InstallInterceptor(parser, context.locks(),
                context.config().get(Keys.INSTALL_ON_TIMEOUT), running);
        ProcessExitInterceptor exit = new ProcessExitInterceptor(running);
        return spec -> spec.action().equals(PROCESS_EXIT) ? exit : start;
    }
}
