package dev.baton.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.apps.ClassBytesProbe;
import dev.baton.it.apps.HookedClassesApp;
import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.RunningJvm;

/**
 * {@code baton.enabled=false} turns Baton off completely: every class the JVM loads keeps its bytes. A probe agent
 * ({@link ClassBytesProbe}) listed after Baton digests the bytes of every class loaded after it, as Baton left them,
 * and HotSpot logs every retransformation (classes loaded before any agent, such as java.nio.file.Files, can only be
 * changed that way). A run of an application that uses every hooked class is compared with the same run without
 * Baton. A run with Baton on is the control: the probe and the log must see the hooked classes change, or the
 * comparison would prove nothing.
 */
class DisabledIdentityTest {
    /** Classes the presets rewrite as they load, on every JDK, loaded by {@link HookedClassesApp}. */
    private static final List<String> HOOKED = List.of("java/lang/ProcessBuilder@bootstrap",
            "jdk/internal/net/http/HttpClientFacade@platform", "org/apache/commons/io/FileUtils@app",
            "org/sqlite/JDBC@app", "org/sqlite/core/DB@app");
    /** The line HotSpot logs for each retransformed class (-Xlog:redefine+class+load). */
    private static final String RETRANSFORMED = "redefined name=";

    @TempDir
    Path work;

    private Jdk jdk;
    private Path probe;

    @BeforeEach
    void setUp() throws IOException {
        jdk = Jdk.target();
        probe = probeJar();
    }

    @Test
    void disabledBatonLeavesEveryClassByteIdentical() throws Exception {
        Map<String, String> without = classDigests("without", null);
        Map<String, String> disabled = classDigests("disabled", "enabled=false");
        Map<String, String> enabled = classDigests("enabled", "lock.dir=" + work.resolve("locks"));

        for (String hooked : HOOKED) {
            assertTrue(without.containsKey(hooked) && disabled.containsKey(hooked), hooked + " was loaded");
            assertNotEquals(without.get(hooked), enabled.get(hooked), "control: the probe sees Baton rewrite " + hooked);
        }
        assertTrue(retransformed("enabled").stream().anyMatch(l -> l.startsWith(RETRANSFORMED + "java.nio.file.Files,")),
                "control: the log shows Baton retransforming Files");
        assertEquals(List.of(), retransformed("disabled"), "classes retransformed with baton.enabled=false");
        assertTrue(disabled.keySet().stream().noneMatch(name -> name.endsWith("@retransformed")), "none seen either");
        List<String> changed = without.keySet().stream().filter(disabled::containsKey)
                .filter(name -> !without.get(name).equals(disabled.get(name))).collect(Collectors.toList());
        assertEquals(List.of(), changed, "classes whose bytes differ with baton.enabled=false");
        long compared = without.keySet().stream().filter(disabled::containsKey).count();
        assertTrue(compared > 500, "compared " + compared + " classes");
    }

    private Map<String, String> classDigests(String name, String agentArgs) throws Exception {
        Path digests = work.resolve(name + ".digests");
        ChildJvm child = ChildJvm.on(jdk, work).named(name)
                .jvmOption("-Xlog:redefine+class+load=info:file=" + work.resolve(name + ".redefined"))
                .jvmOption("-javaagent:" + probe + "=" + digests)
                .classPath(Artifacts.classPath(Artifacts.testClasses(), Artifacts.lib("commons-io-2.20.0.jar"),
                        Artifacts.lib("sqlite-jdbc-3.50.3.0.jar")))
                .main(HookedClassesApp.class.getName());
        if (agentArgs == null) {
            child.withoutAgent();
        } else {
            child.agentArgs(agentArgs);
        }
        RunningJvm.Result result = child.run(120);
        assertEquals(0, result.exitCode(), result.toString());
        Map<String, String> byClass = new TreeMap<>();
        for (String line : Files.readAllLines(digests)) {
            String[] parts = line.split(" ");
            byClass.put(parts[0], parts[1]);
        }
        return byClass;
    }

    private List<String> retransformed(String name) throws IOException {
        return Files.readAllLines(work.resolve(name + ".redefined")).stream().filter(l -> l.contains(RETRANSFORMED))
                .map(l -> l.substring(l.indexOf(RETRANSFORMED))).collect(Collectors.toList());
    }

    /** The probe as an agent jar of its own, made from the test classes. */
    private Path probeJar() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", ClassBytesProbe.class.getName());
        manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        Path jar = work.resolve("class-bytes-probe.jar");
        String entry = ClassBytesProbe.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry(entry));
            Files.copy(Path.of(Artifacts.testClasses()).resolve(entry), (OutputStream) out);
            out.closeEntry();
        }
        return jar;
    }
}
