package dev.baton.install;

import java.util.List;

import dev.baton.config.BatonConfig;
import dev.baton.config.Keys;
import dev.baton.core.BatonContext;
import dev.baton.core.Feature;
import dev.baton.instrument.Hook;
import dev.baton.instrument.MethodTarget;

/** Install serialisation: one package-manager process at a time per directory, across processes. */
public final class InstallFeature implements Feature {
    @Override
    public String name() {
        return "install";
    }

    @Override
    public List<String> requires() {
        return List.of("lock");
    }

    @Override
    public boolean enabled(BatonContext context) {
        return context.config().get(Keys.INSTALL_ENABLED);
    }

    @Override
    public List<MethodTarget> rewrites(BatonConfig config) {
        return List.of(InstallInterceptor.TARGET);
    }

    @Override
    public List<MethodTarget> entryPoints(BatonConfig config) {
        return List.of(new MethodTarget("java.lang.Runtime", "exec", null));
    }

    @Override
    public List<Hook> start(BatonContext context) throws java.io.IOException {
        InstallCommandParser parser = new InstallCommandParser(context.config().get(Keys.INSTALL_COMMANDS));
        return List.of(new Hook(name(), InstallInterceptor.TARGET,
                new InstallInterceptor(parser, context.locks(), context.config().get(Keys.INSTALL_ON_TIMEOUT))));
    }
}
