package dev.baton.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import dev.baton.ClassReferences;

/**
 * The bridge and the JFR event classes sit on the bootstrap class path, where only java.base and jdk.jfr exist;
 * the entry point may also use java.instrument. Anything else would fail at run time inside JDK classes.
 */
class BridgeDependenciesTest {
    @Test
    void bridgeAndEventsUseOnlyJavaBaseAndJdkJfr() throws IOException {
        assertEquals(Set.of(), forbiddenReferences("dev/baton/bridge", Set.of("java.base", "jdk.jfr")));
        assertEquals(Set.of(), forbiddenReferences("dev/baton/jfr", Set.of("java.base", "jdk.jfr")));
    }

    @Test
    void entryPointUsesOnlyJavaBaseAndJavaInstrument() throws IOException {
        assertEquals(Set.of(), forbiddenReferences("dev/baton/agent", Set.of("java.base", "java.instrument")));
    }

    @Test
    void theCheckFindsAViolation() throws IOException {
        // A runtime class certainly references shaded SLF4J or java.sql: the check must be able to fail.
        assertFalse(forbiddenReferences("dev/baton/core", Set.of("java.base", "jdk.jfr")).isEmpty());
    }

    private static Set<String> forbiddenReferences(String packageDir, Set<String> allowedModules)
            throws IOException {
        Set<String> forbidden = new TreeSet<>();
        ClassReferences.ofPackage(packageDir).forEach((file, types) -> {
            for (String type : types) {
                if (!allowed(type, packageDir, allowedModules)) {
                    forbidden.add(file + " -> " + type);
                }
            }
        });
        return forbidden;
    }

    private static boolean allowed(String internalName, String packageDir, Set<String> allowedModules) {
        if (internalName.startsWith(packageDir + "/") || internalName.startsWith("dev/baton/bridge/")
                || internalName.startsWith("dev/baton/jfr/")) {
            return true;
        }
        int slash = internalName.lastIndexOf('/');
        String pkg = slash < 0 ? "" : internalName.substring(0, slash).replace('/', '.');
        return ModuleLayer.boot().modules().stream()
                .filter(m -> allowedModules.contains(m.getName()))
                .anyMatch(m -> m.getPackages().contains(pkg));
    }
}
