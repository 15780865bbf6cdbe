package dev.baton.it.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.baton.it.harness.ChildProcess;
import dev.baton.it.harness.CountingHttpServer;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.RunningJvm;

/**
 * Apache Maven Wrapper 3.3.4 ({@code org.apache.maven.wrapper:maven-wrapper}) installing Maven 3.9.9 into one fresh
 * {@code MAVEN_USER_HOME} from N processes at once (apache/maven-wrapper#231, MWRAPPER-91). The distribution zip is
 * served slowly on 127.0.0.1. Each process runs {@code --version}; a working run prints "Apache Maven 3.9.9".
 */
public final class MavenWrapperTool {
    /** How a process starts the wrapper. */
    public enum Launcher {
        /** {@code java -cp .mvn/wrapper/maven-wrapper.jar org.apache.maven.wrapper.MavenWrapperMain}, Baton on the command line. */
        JAVA,
        /** The real {@code mvnw} script of maven-wrapper-distribution 3.3.4 (bin), Baton only in JAVA_TOOL_OPTIONS. */
        MVNW
    }

    public static final String WRAPPER_VERSION = "3.3.4";
    private static final int BYTES_PER_SECOND = 4 * 1024 * 1024;

    private final Jdk jdk;
    private final Path work;
    private int rounds;

    public MavenWrapperTool(Jdk jdk, Path work) {
        this.jdk = jdk;
        this.work = work;
    }

    /**
     * Runs {@code processes} wrappers at once against a fresh shared MAVEN_USER_HOME.
     *
     * @param rendezvous hold every response until all processes asked: the downloads overlap on any machine
     *        (use only without Baton: with it, one process asks)
     */
    public ToolRound run(int processes, BatonSetup baton, Launcher launcher, boolean rendezvous)
            throws IOException, InterruptedException {
        Path round = Files.createDirectories(work.resolve("wrapper-round-" + (++rounds)));
        Path project = project(round, launcher);
        Path userHome = round.resolve("m2");
        byte[] zip = Files.readAllBytes(ToolArtifacts.mavenDistributionZip());
        long start = System.nanoTime();
        try (CountingHttpServer server = new CountingHttpServer(zip, BYTES_PER_SECOND)) {
            if (rendezvous) {
                server.rendezvous(processes, Duration.ofSeconds(30));
            }
            Files.writeString(project.resolve(".mvn/wrapper/maven-wrapper.properties"), "wrapperVersion="
                    + WRAPPER_VERSION + "\ndistributionType=bin\ndistributionUrl="
                    + server.uri("/maven2/org/apache/maven/apache-maven/" + ToolArtifacts.MAVEN_VERSION
                            + "/apache-maven-" + ToolArtifacts.MAVEN_VERSION + "-bin.zip") + "\n");
            List<RunningJvm.Result> runs = Rounds.runAll(processes, 300,
                    i -> launch(launcher, project, userHome, baton, "wrapper-" + i).start(round.resolve("out")));
            long millis = (System.nanoTime() - start) / 1_000_000;
            List<String> failures = new ArrayList<>();
            int contended = 0;
            for (RunningJvm.Result run : runs) {
                if (run.exitCode() != 0 || !run.stdout().contains("Apache Maven " + ToolArtifacts.MAVEN_VERSION)) {
                    failures.add(run.name() + " exit " + run.exitCode() + ": " + lastLines(run));
                }
                contended += ToolRound.waitedForAPeer(run) ? 1 : 0;
            }
            return new ToolRound("maven-wrapper " + WRAPPER_VERSION + " " + launcher.name().toLowerCase(),
                    baton.toString(), runs, failures, server.requests(), server.completeTransfers(),
                    brokenInstalls(userHome), contended, millis);
        }
    }

    private Path project(Path round, Launcher launcher) throws IOException {
        Path project = Files.createDirectories(round.resolve("project"));
        if (launcher == Launcher.MVNW) {
            ToolArtifacts.unzip(ToolArtifacts.file("maven-wrapper-distribution-" + WRAPPER_VERSION + "-bin.zip"),
                    project);
        } else {
            Files.createDirectories(project.resolve(".mvn/wrapper"));
            Files.copy(ToolArtifacts.file("maven-wrapper-" + WRAPPER_VERSION + ".jar"),
                    project.resolve(".mvn/wrapper/maven-wrapper.jar"));
        }
        return project;
    }

    private ChildProcess launch(Launcher launcher, Path project, Path userHome, BatonSetup baton, String name) {
        ChildProcess process;
        if (launcher == Launcher.MVNW) {
            process = ChildProcess.of(project, project.resolve("mvnw").toString(), "--version")
                    .env("JAVA_HOME", jdk.java().getParent().getParent().toString());
            if (baton.enabled()) {
                process.env("JAVA_TOOL_OPTIONS", baton.optionString(name));
            }
        } else {
            List<String> command = new ArrayList<>();
            command.add(jdk.java().toString());
            command.addAll(baton.options(name));
            command.addAll(List.of("-Dmaven.multiModuleProjectDirectory=" + project, "-cp",
                    project.resolve(".mvn/wrapper/maven-wrapper.jar").toString(),
                    "org.apache.maven.wrapper.MavenWrapperMain", "--version"));
            process = ChildProcess.of(project, command.toArray(String[]::new));
        }
        return process.named(name).env("MAVEN_USER_HOME", userHome.toString());
    }

    /** Every unpacked distribution under the shared user home, compared with the zip. */
    static List<String> brokenInstalls(Path userHome) throws IOException {
        List<String> broken = new ArrayList<>();
        String name = "apache-maven-" + ToolArtifacts.MAVEN_VERSION;
        Map<String, Long> expected = ToolArtifacts.zipFiles(ToolArtifacts.mavenDistributionZip(), name + "/");
        Path dists = userHome.resolve("wrapper/dists/" + name + "-bin");
        if (!Files.isDirectory(dists)) {
            broken.add("no distribution under " + dists);
            return broken;
        }
        try (var hashes = Files.list(dists)) {
            for (Path hash : (Iterable<Path>) hashes::iterator) {
                String difference = ToolArtifacts.difference(expected, ToolArtifacts.treeFiles(hash.resolve(name)));
                if (difference != null) {
                    broken.add(hash.resolve(name) + ": " + difference);
                }
            }
        }
        return broken;
    }

    static String lastLines(RunningJvm.Result run) {
        List<String> lines = new ArrayList<>(run.stderr().lines().filter(l -> !l.startsWith("Picked up JAVA_TOOL"))
                .toList());
        lines.addAll(run.stdout().lines().toList());
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}
