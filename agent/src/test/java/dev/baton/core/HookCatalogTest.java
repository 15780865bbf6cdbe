package dev.baton.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.baton.ClassReferences;
import dev.baton.config.BatonConfig;
import dev.baton.config.Problem;

/** The hook catalog: every feature's hooks as data, found without core naming any feature. */
class HookCatalogTest {
    private static HookCatalog catalog(String agentArgs) {
        return HookCatalog.build(BatonConfig.load(agentArgs, Map.of(), Map.of()));
    }

    @Test
    void featuresAreFoundInChainOrder() {
        List<String> names = Features.all().stream().map(Feature::name).toList();
        assertTrue(names.containsAll(List.of("download", "install", "sqlite", "offload", "rules")), names.toString());
        // sqlite's busy retry must wrap offload on the methods both hook.
        assertTrue(names.indexOf("sqlite") < names.indexOf("offload"), names.toString());
    }

    @Test
    void presetsOfEveryFeatureAreData() {
        List<HookSpec> specs = catalog(null).specs();
        Set<String> targets = specs.stream().map(s -> s.label() + " " + s.target()).collect(Collectors.toSet());
        assertTrue(targets.contains("sqlite org.sqlite.core.DB#exec(Ljava/lang/String;Z)V"), targets.toString());
        assertTrue(targets.contains("sqlite org.sqlite.core.NativeDB#_exec(Ljava/lang/String;)I"), targets.toString());
        assertTrue(targets.contains("offload org.sqlite.jdbc3.JDBC3ResultSet#next()Z"), targets.toString());
        assertTrue(targets.contains("install java.lang.ProcessBuilder#start()Ljava/lang/Process;"), targets.toString());
        assertTrue(targets.contains("download java.nio.file.Files#copy(Ljava/io/InputStream;Ljava/nio/file/Path;"
                + "[Ljava/nio/file/CopyOption;)J"), targets.toString());
        // Without user rules: presets, and the shipped recipes (active by default).
        assertTrue(specs.stream().allMatch(s -> s.origin() == HookSpec.Origin.PRESET
                || s.origin() == HookSpec.Origin.RECIPE), specs.toString());
    }

    @Test
    void userRulesAreSpecsWithTheirSettingsAndBadOnesAreProblems() {
        HookCatalog catalog = catalog("rules.plugins.method=com.acme.Repo#install(java.lang.String),"
                + "rules.plugins.action=lock,rules.plugins.key=arg0,rules.bad.method=com.acme.Repo#x,"
                + "rules.bad.action=lockk");
        List<HookSpec> rules = catalog.specs().stream().filter(s -> s.origin() == HookSpec.Origin.RULE).toList();
        assertEquals(1, rules.size(), rules.toString());
        HookSpec rule = rules.get(0);
        assertEquals("rule plugins", rule.label());
        assertEquals("lock", rule.action());
        assertEquals("arg0", rule.setting("key"));
        assertEquals("rule plugins  com.acme.Repo#install(Ljava/lang/String;)  action=lock key=arg0", rule.describe());
        List<Problem> problems = catalog.problems();
        assertEquals(1, problems.size(), problems.toString());
        // Only the bad rule is left out: the problem belongs to it, not to the rules feature.
        assertEquals("rule bad", problems.get(0).feature());
    }

    @Test
    void coreImportsNoFeature() throws IOException {
        Set<String> features = Set.of("download", "install", "sqlite", "offload", "rules", "recipes");
        Set<String> violations = new TreeSet<>();
        ClassReferences.ofPackage("dev/baton/core").forEach((file, types) -> {
            for (String type : types) {
                String[] parts = type.split("/");
                if (parts.length > 3 && type.startsWith("dev/baton/") && features.contains(parts[2])) {
                    violations.add(file + " -> " + type);
                }
            }
        });
        assertEquals(Set.of(), violations);
    }
}
