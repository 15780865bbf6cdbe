package dev.baton.rules;

import dev.baton.config.BatonConfig;
import dev.baton.core.BatonContext;
import dev.baton.core.Feature;
import dev.baton.core.HookCatalog;

/**
 * User rules: any legacy method gets the lock, retry or offload treatment, named in configuration
 * ({@code baton.rules.NAME.*}). The rules are read from the configuration once, when the catalog is built.
 */
public final class RulesFeature implements Feature {
    static final String NAME = "rules";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean enabled(BatonConfig config) {
        return true;
    }

    @Override
    public void declare(BatonConfig config, HookCatalog.Declarations declarations) {
        RuleSpecs.Parsed rules = RuleSpecs.fromConfig(config);
        declarations.addAll(rules.specs());
        declarations.problems(rules.problems());
    }

    @Override
    public Interceptors start(BatonContext context) {
        return RuleActions.interceptors(context);
    }
}
