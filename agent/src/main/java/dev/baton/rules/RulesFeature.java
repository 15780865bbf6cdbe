package dev.baton.rules;

import java.util.ArrayList;
import java.util.List;

import dev.baton.config.BatonConfig;
import dev.baton.config.Problem;
import dev.baton.core.BatonContext;
import dev.baton.core.Feature;
import dev.baton.instrument.Hook;
import dev.baton.instrument.MethodTarget;

/** User rules: any legacy method gets the lock, retry or offload treatment, named in configuration. */
public final class RulesFeature implements Feature {
    @Override
    public String name() {
        return "rules";
    }

    @Override
    public boolean enabled(BatonContext context) {
        return !new RuleParser().parse(context.config()).rules().isEmpty();
    }

    @Override
    public List<Problem> validate(BatonConfig config) {
        return new RuleParser().parse(config).problems();
    }

    @Override
    public List<MethodTarget> rewrites(BatonConfig config) {
        List<MethodTarget> targets = new ArrayList<>();
        for (Rule rule : new RuleParser().parse(config).rules()) {
            targets.add(rule.target());
        }
        return targets;
    }

    @Override
    public List<Hook> start(BatonContext context) throws java.io.IOException {
        List<Hook> hooks = new ArrayList<>();
        for (Rule rule : new RuleParser().parse(context.config()).rules()) {
            hooks.add(new Hook("rule " + rule.name(), rule.target(), RuleInterceptors.forRule(rule, context)));
        }
        return hooks;
    }
}
