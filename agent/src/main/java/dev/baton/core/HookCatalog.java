package dev.baton.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.baton.config.BatonConfig;
import dev.baton.config.Problem;

/**
 * The one list of what Baton rewrites: every feature's hook specs (presets, recipes, user rules), in feature order,
 * each feature declared exactly once (so user rules are read from the configuration once). The agent's installer,
 * {@code scan}, {@code config} and the {@code recipes} command all read this list; none of them starts a feature
 * to learn what it hooks.
 *
 * <p>Where specs come from:
 * <ul>
 * <li>presets: each feature's {@link Feature#declare}, with {@link HookSpec#preset};</li>
 * <li>user rules: {@code dev.baton.rules.RuleSpecs#fromConfig};</li>
 * <li>recipes: a data file per tool inside the agent, parsed by {@code dev.baton.rules.RuleSpecs#fromRecipe}
 * (origin {@link HookSpec.Origin#RECIPE}) and declared by the recipes feature; its interceptors come from
 * {@code dev.baton.rules.RuleActions}, as a rule's do.</li>
 * </ul>
 */
public final class HookCatalog {
    private final List<Feature> features;
    private final Map<Feature, List<HookSpec>> specsByFeature;
    private final List<Problem> problems;

    private HookCatalog(List<Feature> features, Map<Feature, List<HookSpec>> specsByFeature, List<Problem> problems) {
        this.features = features;
        this.specsByFeature = specsByFeature;
        this.problems = problems;
    }

    /** The catalog of every feature found by {@link Features#all()}. */
    public static HookCatalog build(BatonConfig config) {
        return build(config, Features.all());
    }

    public static HookCatalog build(BatonConfig config, List<Feature> features) {
        Map<Feature, List<HookSpec>> specs = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (Feature feature : features) {
            Declarations declarations = new Declarations();
            feature.declare(config, declarations);
            specs.put(feature, Collections.unmodifiableList(declarations.specs));
            problems.addAll(declarations.problems);
        }
        return new HookCatalog(List.copyOf(features), specs, Collections.unmodifiableList(problems));
    }

    public List<Feature> features() {
        return features;
    }

    /** The specs of one feature, in declaration order. */
    public List<HookSpec> specsOf(Feature feature) {
        return specsByFeature.getOrDefault(feature, List.of());
    }

    /** Every spec, feature by feature in catalog order. */
    public List<HookSpec> specs() {
        List<HookSpec> all = new ArrayList<>();
        specsByFeature.values().forEach(all::addAll);
        return all;
    }

    /** Mistakes in configuration that features read themselves (user rules): a broken rule is left out. */
    public List<Problem> problems() {
        return problems;
    }

    /** What a feature adds to the catalog while declaring. */
    public static final class Declarations {
        private final List<HookSpec> specs = new ArrayList<>();
        private final List<Problem> problems = new ArrayList<>();

        public void add(HookSpec spec) {
            specs.add(spec);
        }

        public void addAll(List<HookSpec> more) {
            specs.addAll(more);
        }

        public void problem(Problem problem) {
            problems.add(problem);
        }

        public void problems(List<Problem> more) {
            problems.addAll(more);
        }
    }
}
