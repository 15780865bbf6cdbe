package dev.baton.it.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.baton.it.harness.ChildProcess;
import dev.baton.it.harness.CountingHttpServer;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.RunningJvm;

/**
 * The takari Maven Wrapper 0.5.6 ({@code io.takari:maven-wrapper}, the {@code mvnw} copied into countless projects)
 * on a machine without wget and curl: its real {@code mvnw} script then runs {@code .mvn/wrapper/MavenWrapperDownloader}
 * (compiled from the shipped MavenWrapperDownloader.java) to fetch {@code maven-wrapper.jar} with
 * {@code FileChannel.transferFrom} straight into place, and then the jar installs Maven 3.9.9 (takari/maven-wrapper#93).
 * N scripts run at once in one project with one fresh MAVEN_USER_HOME; the jar and the distribution are served slowly
 * on 127.0.0.1 by two servers. Baton reaches the JVMs only through JAVA_TOOL_OPTIONS.
 */
public final class TakariWrapperTool {
    public static final String VERSION = "0.5.6";
    private static final Set<String> DOWNLOADERS = Set.of("wget", "curl");

    private final Jdk jdk;
    private final Path work;
    private final Path distribution;
    private int rounds;

    public TakariWrapperTool(Jdk jdk, Path work) throws IOException, InterruptedException {
        this.jdk = jdk;
        this.work = work;
        this.distribution = unpacked(jdk);
    }

    /** Runs {@code processes} {@code mvnw --version} at once in one project that has no maven-wrapper.jar yet. */
    public ToolRound run(int processes, BatonSetup baton) throws IOException, InterruptedException {
        Path round = Files.createDirectories(work.resolve("takari-round-" + (++rounds)));
        Path project = project(round);
        Path userHome = round.resolve("m2");
        Path path = pathWithoutDownloaders(round.resolve("bin"));
        byte[] jar = Files.readAllBytes(distribution.resolve(".mvn/wrapper/maven-wrapper.jar"));
        byte[] zip = Files.readAllBytes(ToolArtifacts.mavenDistributionZip());
        long start = System.nanoTime();
        try (CountingHttpServer jarServer = new CountingHttpServer(jar, 64 * 1024);
                CountingHttpServer zipServer = new CountingHttpServer(zip, 4 * 1024 * 1024)) {
            Files.writeString(project.resolve(".mvn/wrapper/maven-wrapper.properties"), "distributionUrl="
                    + zipServer.uri("/maven2/org/apache/maven/apache-maven/" + ToolArtifacts.MAVEN_VERSION
                            + "/apache-maven-" + ToolArtifacts.MAVEN_VERSION + "-bin.zip")
                    + "\nwrapperUrl=" + jarServer.uri("/maven2/io/takari/maven-wrapper/" + VERSION + "/maven-wrapper-"
                            + VERSION + ".jar") + "\n");
            List<RunningJvm.Result> runs = Rounds.runAll(processes, 300, i -> {
                String name = "mvnw-" + i;
                ChildProcess mvnw = ChildProcess.of(project, project.resolve("mvnw").toString(), "--version")
                        .named(name).env("PATH", path.toString())
                        .env("JAVA_HOME", jdk.java().getParent().getParent().toString())
                        .env("MAVEN_USER_HOME", userHome.toString())
                        // takari 0.5.6's mvnw passes $MAVEN_PROJECTBASEDIR to the downloader before it sets it; left
                        // empty, the downloader misses maven-wrapper.properties and fetches from Maven Central. Tests
                        // stay on 127.0.0.1: set it as the script itself does a few lines later.
                        .env("MAVEN_PROJECTBASEDIR", project.toString());
                if (baton.enabled()) {
                    mvnw.env("JAVA_TOOL_OPTIONS", baton.optionString(name));
                }
                return mvnw.start(round.resolve("out"));
            });
            long millis = (System.nanoTime() - start) / 1_000_000;
            List<String> failures = new ArrayList<>();
            int contended = 0;
            for (RunningJvm.Result run : runs) {
                if (run.exitCode() != 0 || !run.stdout().contains("Apache Maven " + ToolArtifacts.MAVEN_VERSION)) {
                    failures.add(run.name() + " exit " + run.exitCode() + ": " + MavenWrapperTool.lastLines(run));
                }
                contended += ToolRound.waitedForAPeer(run) ? 1 : 0;
            }
            List<String> broken = MavenWrapperTool.brokenInstalls(userHome);
            Path installedJar = project.resolve(".mvn/wrapper/maven-wrapper.jar");
            if (!Files.isRegularFile(installedJar) || !CountingHttpServer.sha256(jar)
                    .equals(CountingHttpServer.sha256(Files.readAllBytes(installedJar)))) {
                broken.add(installedJar + " is not the served jar");
            }
            return new ToolRound("takari maven-wrapper " + VERSION + " mvnw (jar GETs " + jarServer.requests()
                    + ", distribution GETs " + zipServer.requests() + ")", baton.toString(), runs, failures,
                    jarServer.requests() + zipServer.requests(),
                    jarServer.completeTransfers() + zipServer.completeTransfers(), broken, contended, millis);
        }
    }

    private Path project(Path round) throws IOException {
        Path project = Files.createDirectories(round.resolve("project"));
        Path wrapper = Files.createDirectories(project.resolve(".mvn/wrapper"));
        Files.copy(distribution.resolve("mvnw"), project.resolve("mvnw"));
        project.resolve("mvnw").toFile().setExecutable(true, false);
        try (var files = Files.list(distribution.resolve(".mvn/wrapper"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().startsWith("MavenWrapperDownloader")) {
                    Files.copy(file, wrapper.resolve(file.getFileName()));
                }
            }
        }
        return project;
    }

    /**
     * The takari distribution unpacked once, with MavenWrapperDownloader compiled as its mvnw would (compiling it in
     * every process at once is a race of its own, in javac, outside what Baton coordinates).
     */
    private static synchronized Path unpacked(Jdk jdk) throws IOException, InterruptedException {
        Path root = ToolArtifacts.mavenDistributionZip().resolveSibling("takari");
        Path distribution = root.resolve("maven-wrapper-" + VERSION);
        Path compiled = distribution.resolve(".mvn/wrapper/MavenWrapperDownloader.class");
        if (!Files.isRegularFile(compiled)) {
            ToolArtifacts.untar(ToolArtifacts.file("maven-wrapper-" + VERSION + ".tar.gz"), root);
            Process javac = new ProcessBuilder(jdk.tool("javac").toString(), "-nowarn",
                    distribution.resolve(".mvn/wrapper/MavenWrapperDownloader.java").toString())
                    .redirectErrorStream(true).start();
            String output = new String(javac.getInputStream().readAllBytes());
            if (javac.waitFor() != 0) {
                throw new IOException("javac MavenWrapperDownloader.java failed: " + output);
            }
        }
        return distribution;
    }

    /** A PATH with every command of this one except wget and curl, so the script falls back to Java. */
    private static Path pathWithoutDownloaders(Path bin) throws IOException {
        Files.createDirectories(bin);
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path directory = Path.of(dir);
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (var commands = Files.list(directory)) {
                for (Path command : (Iterable<Path>) commands::iterator) {
                    Path link = bin.resolve(command.getFileName().toString());
                    if (!DOWNLOADERS.contains(link.getFileName().toString()) && !Files.exists(link,
                            java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.isExecutable(command)) {
                        Files.createSymbolicLink(link, command);
                    }
                }
            }
        }
        return bin;
    }
}
