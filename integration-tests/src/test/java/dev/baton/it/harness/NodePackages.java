package dev.baton.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

import dev.baton.testsupport.Installed;

/** Real npm for the install tests: local packages made with {@code npm pack}, and pnpm and yarn when needed. */
public final class NodePackages {
    /** Installed from the npm registry into target/ when the machine has none (exact versions: reproducible). */
    private static final List<String> TOOL_PACKAGES = List.of("pnpm@10.34.9", "yarn@1.22.22");
    private static final Path TOOLS = Path.of("target", "npm-tools").toAbsolutePath();

    private NodePackages() {
    }

    /** Skips the test (visibly) without npm. */
    public static void assumeNpm() {
        Assumptions.assumeTrue(Installed.program("npm").isPresent(), "npm not installed: skipping the install tests");
    }

    /**
     * {@code NAME-1.0.0.tgz} in {@code dir}, made by {@code npm pack}; with {@code gated} its preinstall script
     * waits at the {@link InstallGate}.
     */
    public static Path pack(Path dir, String name, boolean gated) throws IOException, InterruptedException {
        Path source = Files.createDirectories(dir.resolve("src-" + name));
        String scripts = gated ? ",\"scripts\":{\"preinstall\":\"node gate.js\"}" : "";
        Files.writeString(source.resolve("package.json"),
                "{\"name\":\"" + name + "\",\"version\":\"1.0.0\",\"main\":\"index.js\"" + scripts + "}\n");
        Files.writeString(source.resolve("index.js"), "module.exports = '" + name + "';\n");
        if (gated) {
            Files.writeString(source.resolve("gate.js"), InstallGate.nodeScript());
        }
        run(source, "npm", "pack", "--silent", "--pack-destination", dir.toString());
        return dir.resolve(name + "-1.0.0.tgz");
    }

    /**
     * pnpm or yarn: the machine's, else installed once from the npm registry into target/npm-tools. Skips the test
     * (visibly, with npm's answer) when neither works.
     */
    public static Path tool(String name) throws IOException, InterruptedException {
        Optional<Path> installed = Installed.program(name);
        if (installed.isPresent()) {
            return installed.get();
        }
        Path tool = TOOLS.resolve("node_modules").resolve(".bin").resolve(name);
        if (!Files.isExecutable(tool)) {
            assumeNpm();
            List<String> command = new ArrayList<>(List.of("npm", "install", "--prefix", TOOLS.toString(),
                    "--no-audit", "--no-fund", "--cache", TOOLS.resolve("cache").toString()));
            command.addAll(TOOL_PACKAGES);
            Process npm = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(npm.getInputStream().readAllBytes());
            Assumptions.assumeTrue(npm.waitFor() == 0 && Files.isExecutable(tool), name + " is not installed and"
                    + " npm could not install it from the registry: " + output.strip());
        }
        return tool;
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
