package dev.baton.it.harness;

/**
 * The samples' PluginTool ({@code dev.baton.samples.rules.PluginTool}) and the user rule that fixes it: a lock on
 * its {@code install(String)} per plugin directory, skipped when the plugin's marker exists. Used by the rule tests
 * and by the tests of the lock backends through the agent.
 */
public final class PluginToolRule {
    public static final String TOOL = "dev.baton.samples.rules.PluginTool";

    private PluginToolRule() {
    }

    /** The rule, named {@code plugins} (its lock scope is {@code rule:plugins}), as system properties. */
    public static ChildJvm withLockRule(ChildJvm child) {
        return child.property("baton.rules.plugins.method", TOOL + "#install(java.lang.String)")
                .property("baton.rules.plugins.action", "lock")
                .property("baton.rules.plugins.key", "${this.directory}/${arg0}")
                .property("baton.rules.plugins.done", "${this.directory}/${arg0}/installed.marker");
    }
}
