package dev.baton.it.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

import dev.baton.it.harness.CountingHttpServer;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.RunningJvm;

/**
 * frontend-maven-plugin 1.15.1 {@code install-node-and-npm} in N Maven builds at once that share one local
 * repository, where the plugin caches the node archive (eirslett/frontend-maven-plugin#794, #882: "Input is not in
 * the .gz format", EOFException, the archive deleted as corrupt). The archive, in the official layout, is built from
 * the machine's real {@code node} binary and served slowly on 127.0.0.1 as {@code nodeDownloadRoot}. A working build
 * leaves {@code node/node} that prints its version and npm beside it. Optionally several builds also share one
 * {@code installDirectory}.
 */
public final class FrontendMavenPluginTool {
    public static final String PLUGIN_VERSION = "1.15.1";
    private static final int BYTES_PER_SECOND = 16 * 1024 * 1024;

    private final Jdk jdk;
    private final Path work;
    private final String nodeVersion;
    private final Path nodeArchive;
    private int rounds;

    /** Skips the test (visibly) when the machine has no {@code node} to build the archive from. */
    public FrontendMavenPluginTool(Jdk jdk, Path work) throws IOException, InterruptedException {
        this.jdk = jdk;
        this.work = work;
        Optional<Path> node = NodeDistribution.systemNode();
        Assumptions.assumeTrue(node.isPresent(), "no node on this machine: cannot build a node archive to serve");
        this.nodeVersion = NodeDistribution.version(node.get());
        this.nodeArchive = NodeDistribution.archive(node.get(), nodeVersion);
    }

    public String nodeVersion() {
        return nodeVersion;
    }

    /**
     * Runs {@code builds} Maven builds at once, each its own project (and install directory), all sharing one fresh
     * local repository.
     *
     * @param rendezvous hold every response until all builds asked (only without Baton: with it, one build asks)
     */
    public ToolRound run(int builds, BatonSetup baton, boolean rendezvous) throws IOException, InterruptedException {
        return run(builds, 0, baton, rendezvous);
    }

    /**
     * As {@link #run(int, BatonSetup, boolean)}, with the first {@code sharing} builds configured with one common
     * {@code installDirectory} (eirslett#698, #1004: node/tmp extracted into and deleted by several builds).
     */
    public ToolRound run(int builds, int sharing, BatonSetup baton, boolean rendezvous)
            throws IOException, InterruptedException {
        Path round = Files.createDirectories(work.resolve("frontend-round-" + (++rounds)));
        Path sharedInstall = round.resolve("shared-install");
        MavenBuilds maven = new MavenBuilds(jdk, round);
        byte[] archive = Files.readAllBytes(nodeArchive);
        long start = System.nanoTime();
        try (CountingHttpServer server = new CountingHttpServer(archive, BYTES_PER_SECOND)) {
            if (rendezvous) {
                server.rendezvous(builds, Duration.ofSeconds(60));
            }
            List<Path> projects = new ArrayList<>();
            for (int i = 0; i < builds; i++) {
                projects.add(project(round.resolve("project-" + i), server, i < sharing ? sharedInstall : null));
            }
            List<RunningJvm.Result> runs = Rounds.runAll(builds, 300,
                    i -> maven.build(projects.get(i), baton, "build-" + i, "validate").start(round.resolve("out")));
            long millis = (System.nanoTime() - start) / 1_000_000;
            List<String> failures = new ArrayList<>();
            List<String> broken = new ArrayList<>();
            int contended = 0;
            for (int i = 0; i < builds; i++) {
                RunningJvm.Result run = runs.get(i);
                if (run.exitCode() != 0 || !run.stdout().contains("BUILD SUCCESS")) {
                    failures.add(run.name() + " exit " + run.exitCode() + ": " + errorLines(run));
                } else {
                    Path installDirectory = i < sharing ? sharedInstall : projects.get(i);
                    String problem = NodeDistribution.checkInstall(installDirectory.resolve("node"), nodeVersion);
                    if (problem != null) {
                        broken.add(run.name() + ": " + problem);
                    }
                }
                contended += ToolRound.waitedForAPeer(run) ? 1 : 0;
            }
            return new ToolRound("frontend-maven-plugin " + PLUGIN_VERSION + " install-node-and-npm", baton.toString(),
                    runs, failures, server.requests(), server.completeTransfers(), broken, contended, millis);
        }
    }

    private Path project(Path project, CountingHttpServer server, Path installDirectory) throws IOException {
        Files.createDirectories(project);
        Files.writeString(project.resolve("pom.xml"), """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>it.baton</groupId>
                  <artifactId>%s</artifactId>
                  <version>1</version>
                  <packaging>pom</packaging>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>com.github.eirslett</groupId>
                        <artifactId>frontend-maven-plugin</artifactId>
                        <version>%s</version>
                        <executions>
                          <execution>
                            <id>install-node</id>
                            <phase>validate</phase>
                            <goals><goal>install-node-and-npm</goal></goals>
                          </execution>
                        </executions>
                        <configuration>
                          <nodeVersion>%s</nodeVersion>
                          <nodeDownloadRoot>%s</nodeDownloadRoot>%s
                        </configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(project.getFileName(), PLUGIN_VERSION, nodeVersion, server.uri("/dist/"),
                        installDirectory == null ? "" : "\n                          <installDirectory>"
                                + installDirectory + "</installDirectory>"));
        return project;
    }

    static String errorLines(RunningJvm.Result run) {
        List<String> lines = run.stdout().lines().filter(l -> l.startsWith("[ERROR]") && l.length() > 8).toList();
        return String.join(" | ", lines.subList(0, Math.min(2, lines.size())));
    }

    /** A node archive in the official layout, built once per build directory from the machine's node binary. */
    static final class NodeDistribution {
        private NodeDistribution() {
        }

        static Optional<Path> systemNode() {
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
                Path node = Path.of(dir, "node");
                if (Files.isExecutable(node)) {
                    return Optional.of(node);
                }
            }
            return Optional.empty();
        }

        static String version(Path node) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(node.toString(), "--version").redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return version;
        }

        static synchronized Path archive(Path node, String version) throws IOException, InterruptedException {
            String name = "node-" + version + "-linux-x64";
            Path dir = ToolArtifacts.mavenDistributionZip().resolveSibling("node-dist");
            Path archive = dir.resolve(name + ".tar.gz");
            if (Files.isRegularFile(archive)) {
                return archive;
            }
            Path layout = dir.resolve("layout");
            Path root = layout.resolve(name);
            Files.createDirectories(root.resolve("bin"));
            Files.copy(node.toRealPath(), root.resolve("bin/node"), StandardCopyOption.REPLACE_EXISTING);
            Path npm = Files.createDirectories(root.resolve("lib/node_modules/npm/bin"));
            Files.writeString(npm.resolveSibling("package.json"), "{\"name\":\"npm\",\"version\":\"0.0.0-baton-it\"}\n");
            Files.writeString(npm.resolve("npm"), "#!/bin/sh\necho 0.0.0-baton-it\n");
            npm.resolve("npm").toFile().setExecutable(true, false);
            Path staging = dir.resolve(name + ".tar.gz.tmp");
            Process tar = new ProcessBuilder("tar", "czf", staging.toString(), "-C", layout.toString(), name)
                    .redirectErrorStream(true).start();
            String output = new String(tar.getInputStream().readAllBytes());
            if (tar.waitFor() != 0) {
                throw new IOException("tar failed: " + output);
            }
            Files.move(staging, archive, StandardCopyOption.ATOMIC_MOVE);
            return archive;
        }

        /** Null when {@code node/} holds a node that runs and prints {@code version}, and npm; else what is wrong. */
        static String checkInstall(Path nodeDir, String version) throws IOException, InterruptedException {
            Path node = nodeDir.resolve("node");
            if (!Files.isExecutable(node)) {
                return "no executable " + node;
            }
            if (!Files.isRegularFile(nodeDir.resolve("node_modules/npm/package.json"))) {
                return "npm missing in " + nodeDir;
            }
            String printed = version(node);
            return printed.equals(version) ? null : node + " --version printed " + printed;
        }
    }
}
