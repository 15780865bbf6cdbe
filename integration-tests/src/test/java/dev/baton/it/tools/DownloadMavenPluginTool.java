package dev.baton.it.tools;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.baton.it.harness.CountingHttpServer;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.RunningJvm;

/**
 * download-maven-plugin 1.13.0 {@code wget} of one URL in N Maven builds at once that share one local repository and
 * so one download cache ({@code .cache/download-maven-plugin}: the files plus the serialized index {@code index.ser};
 * download-maven-plugin#188, googleapis/google-cloud-java#13026: EOFException, StreamCorruptedException in the
 * index). The artifact (Maven's distribution zip) is served slowly on 127.0.0.1. A working build leaves the complete
 * file in its output directory; afterwards the cache holds it once, with a readable index.
 */
public final class DownloadMavenPluginTool {
    public static final String PLUGIN_VERSION = "1.13.0";
    private static final int BYTES_PER_SECOND = 8 * 1024 * 1024;

    private final Jdk jdk;
    private final Path work;
    private int rounds;

    public DownloadMavenPluginTool(Jdk jdk, Path work) {
        this.jdk = jdk;
        this.work = work;
    }

    /** @param rendezvous hold every response until all builds asked (only without Baton: with it, one build asks) */
    public ToolRound run(int builds, BatonSetup baton, boolean rendezvous) throws IOException, InterruptedException {
        Path round = Files.createDirectories(work.resolve("download-round-" + (++rounds)));
        MavenBuilds maven = new MavenBuilds(jdk, round);
        byte[] artifact = Files.readAllBytes(ToolArtifacts.mavenDistributionZip());
        String sha256 = CountingHttpServer.sha256(artifact);
        long start = System.nanoTime();
        try (CountingHttpServer server = new CountingHttpServer(artifact, BYTES_PER_SECOND)) {
            if (rendezvous) {
                server.rendezvous(builds, Duration.ofSeconds(60));
            }
            String url = server.uri("/files/apache-maven-bin.zip").toString();
            List<Path> projects = new ArrayList<>();
            for (int i = 0; i < builds; i++) {
                projects.add(project(round.resolve("project-" + i), url));
            }
            List<RunningJvm.Result> runs = Rounds.runAll(builds, 300,
                    i -> maven.build(projects.get(i), baton, "build-" + i, false, "validate").start(round.resolve("out")));
            long millis = (System.nanoTime() - start) / 1_000_000;
            List<String> failures = new ArrayList<>();
            List<String> broken = new ArrayList<>();
            int contended = 0;
            for (int i = 0; i < builds; i++) {
                RunningJvm.Result run = runs.get(i);
                if (run.exitCode() != 0 || !run.stdout().contains("BUILD SUCCESS")) {
                    failures.add(run.name() + " exit " + run.exitCode() + ": "
                            + FrontendMavenPluginTool.errorLines(run));
                } else {
                    Path output = projects.get(i).resolve("target/downloads/tool.zip");
                    if (!Files.isRegularFile(output) || !sha256.equals(CountingHttpServer.sha256(Files.readAllBytes(output)))) {
                        broken.add(run.name() + ": " + output + " is not the served file");
                    }
                }
                run.stdout().lines().filter(l -> l.contains("[WARNING]") && l.contains("cache"))
                        .findFirst().ifPresent(l -> broken.add(run.name() + " warned: " + l));
                contended += ToolRound.waitedForAPeer(run) ? 1 : 0;
            }
            String cacheProblem = checkCache(maven.localRepository().resolve(".cache/download-maven-plugin"), url,
                    sha256);
            if (cacheProblem != null) {
                broken.add("cache: " + cacheProblem);
            }
            return new ToolRound("download-maven-plugin " + PLUGIN_VERSION + " wget", baton.toString(), runs, failures,
                    server.requests(), server.completeTransfers(), broken, contended, millis);
        }
    }

    private static Path project(Path project, String url) throws IOException {
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
                        <groupId>com.googlecode.maven-download-plugin</groupId>
                        <artifactId>download-maven-plugin</artifactId>
                        <version>%s</version>
                        <executions>
                          <execution>
                            <id>fetch-tool</id>
                            <phase>validate</phase>
                            <goals><goal>wget</goal></goals>
                            <configuration>
                              <url>%s</url>
                              <outputDirectory>${project.build.directory}/downloads</outputDirectory>
                              <outputFileName>tool.zip</outputFileName>
                              <readTimeOut>120000</readTimeOut>
                            </configuration>
                          </execution>
                        </executions>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(project.getFileName(), PLUGIN_VERSION, url));
        return project;
    }

    /** Null when the cache index is readable, names the URL, and the cached file is the served one. */
    @SuppressWarnings("unchecked")
    static String checkCache(Path cache, String url, String sha256) {
        Path index = cache.resolve("index.ser");
        Map<Object, String> entries;
        try (ObjectInputStream in = new ObjectInputStream(Files.newInputStream(index))) {
            entries = (Map<Object, String>) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            return "index " + index + " unreadable: " + e;
        }
        String file = entries.entrySet().stream().filter(e -> e.getKey().toString().equals(url))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (file == null) {
            return "index has no entry for " + url + ": " + entries;
        }
        try {
            byte[] cached = Files.readAllBytes(cache.resolve(file));
            return sha256.equals(CountingHttpServer.sha256(cached)) ? null : "cached " + file + " is not the served file";
        } catch (IOException e) {
            return "cached " + file + " unreadable: " + e;
        }
    }
}
