package dev.baton.samples.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Eight PluginTools install one plugin; with Baton a user rule (no code change) coordinates install(String). */
final class PluginScenario implements Scenario {
    private static final int PROCESSES = 8;
    private static final String TOOL = "dev.baton.samples.rules.PluginTool";

    @Override
    public String name() {
        return "plugins (8 x PluginTool, user rule)";
    }

    @Override
    public String run(Launcher launcher, Path work, boolean withBaton) throws Exception {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Map<String, String> rule = withBaton ? Map.of(
                "baton.rules.plugins.method", TOOL + "#install(java.lang.String)",
                "baton.rules.plugins.action", "lock",
                "baton.rules.plugins.key", "${this.directory}/${arg0}",
                "baton.rules.plugins.done", "${this.directory}/${arg0}/installed.marker") : Map.of();
        List<Launcher.Child> children = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            children.add(launcher.start(work, withBaton, rule, TOOL, plugins, "left-pad"));
        }
        int failures = 0;
        for (Launcher.Child child : children) {
            failures += child.awaitExit() == 0 ? 0 : 1;
        }
        long installs = Files.exists(plugins.resolve("installs.log"))
                ? Files.readAllLines(plugins.resolve("installs.log")).size() : 0;
        return installs + " installs, " + failures + " failed";
    }
}
