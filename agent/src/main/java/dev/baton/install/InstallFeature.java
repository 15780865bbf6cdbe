package dev.baton.install;

import java.util.List;

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

    public static List<MethodTarget> targets() {
        return List.of(InstallInterceptor.TARGET);
    }

    @Override
    public List<Hook> start(BatonContext context) {
        InstallCommandParser parser = new InstallCommandParser(context.config().get(Keys.INSTALL_COMMANDS));
        return List.of(new Hook(name(), InstallInterceptor.TARGET,
                new InstallInterceptor(parser, InstallLocks.from(context))));
    }
}
