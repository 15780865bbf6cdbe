package dev.baton.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

import dev.baton.config.BatonConfig;
import dev.baton.config.Key;
import dev.baton.config.Keys;
import dev.baton.config.Problem;
import dev.baton.core.Feature;
import dev.baton.core.HookCatalog;
import dev.baton.core.HookSpec;
import dev.baton.lock.LockBackends;

/** Prints the effective configuration with each value's source, as the agent would see it in this environment. */
final class ConfigCommand implements Command {
    @Override
    public String name() {
        return "config";
    }

    @Override
    public String usage() {
        return "[AGENT-ARGS]";
    }

    @Override
    public String summary() {
        return "print the effective configuration and where each value comes from; AGENT-ARGS as after -javaagent:...=";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        BatonConfig config = BatonConfig.load(args.isEmpty() ? null : String.join(",", args));
        String row = "%-" + keyWidth() + "s  %-24s  (%s)%n";
        for (Key<?> key : Keys.all()) {
            BatonConfig.Setting rejected = config.rejected(key);
            if (rejected == null) {
                out.printf(row, key.name(), config.format(key), config.sourceOf(key).label());
            } else {
                // The rejected value, not the default that replaced it: that is the line the user is looking for.
                out.printf(row.replace("%n", "") + "  REJECTED, expected %s: %s%n", key.name(), rejected.value(),
                        rejected.source().label(), key.type().accepted(), "core".equals(key.feature())
                                ? "the default " + config.format(key) + " applies"
                                : "feature '" + key.feature() + "' disabled (exit 2 with baton.onError=fail)");
            }
        }
        config.settingsWithPrefix(Keys.RULES_PREFIX).forEach((name, setting) ->
                out.printf(row, name, setting.value(), setting.source().label()));
        HookCatalog catalog = HookCatalog.build(config);
        catalog.problems().forEach(config::addProblem);
        checkLockBackend(config);
        printHooks(catalog, config, out);
        return ConfigurationProblems.report(config, err);
    }

    /** A lock backend that is missing, or whose settings can never work: an error here, not at first lock. */
    private static void checkLockBackend(BatonConfig config) {
        try {
            LockBackends.checkSettings(config);
        } catch (IOException e) {
            config.addProblem(new Problem(Keys.LOCK_BACKEND.name(), "core", e.getMessage()));
        }
    }

    /** The hook catalog this configuration yields: every preset, recipe and rule, and whether it would run. */
    private static void printHooks(HookCatalog catalog, BatonConfig config, PrintStream out) {
        out.println();
        out.println("hooks (" + catalog.specs().size() + "):");
        for (Feature feature : catalog.features()) {
            String state = config.isBroken(feature.name()) ? "  (off: invalid configuration)"
                    : feature.enabled(config) ? "" : "  (off)";
            for (HookSpec spec : catalog.specsOf(feature)) {
                out.println("  " + spec.describe() + state);
                if (spec.matchesSubtypes()) {
                    ruleNotes(spec, out);
                }
            }
        }
    }

    /**
     * What a rule does where it does not fit, which only the classes can tell (scan shows it per method; the agent
     * says it once when it happens).
     */
    private static void ruleNotes(HookSpec spec, PrintStream out) {
        out.println("      also rewrites overrides in subclasses and implementations; a class named here that declares"
                + " no such method is reported");
        if (spec.setting("key") != null) {
            out.println("      a call whose key cannot be evaluated locks the rule's one key '" + spec.name() + "'");
        }
        if (spec.setting("done") != null) {
            out.println("      done applies to methods returning void or boolean; elsewhere it is ignored and the"
                    + " method still runs under the lock");
        }
    }

    private static int keyWidth() {
        int width = 0;
        for (Key<?> key : Keys.all()) {
            width = Math.max(width, key.name().length());
        }
        return width;
    }
}
