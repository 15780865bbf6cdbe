package dev.baton.it.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.baton.it.harness.ChildProcess;
import dev.baton.it.harness.CountingHttpServer;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.RunningJvm;

/**
 * Apache Ivy 2.5.2 ({@code org.apache.ivy:ivy}, its standalone {@code java -jar ivy.jar}) resolving and retrieving one
 * dependency for N projects at once that share one Ivy cache, as CI jobs share {@code ~/.ivy2/cache} (IVY-654: the
 * default cache takes no lock; every downloader writes {@code <artifact>.part} and renames it: "impossible to move
 * part file to definitive one", "...jar.part (No such file or directory)"). The artifact is served slowly on 127.0.0.1
 * by a URL resolver (checksums off: the server has no .sha1 files). A working run retrieves
 * the complete jar into its own project.
 */
public final class IvyTool {
    public static final String VERSION = "2.5.2";
    private static final int BYTES_PER_SECOND = 4 * 1024 * 1024;

    private final Jdk jdk;
    private final Path work;
    private int rounds;

    public IvyTool(Jdk jdk, Path work) {
        this.jdk = jdk;
        this.work = work;
    }

    /** @param rendezvous hold every response until all processes asked (only without Baton: with it, one asks) */
    public ToolRound run(int processes, BatonSetup baton, boolean rendezvous) throws IOException, InterruptedException {
        Path round = Files.createDirectories(work.resolve("ivy-round-" + (++rounds)));
        byte[] artifact = Files.readAllBytes(ToolArtifacts.mavenDistributionZip());
        String sha256 = CountingHttpServer.sha256(artifact);
        long start = System.nanoTime();
        try (CountingHttpServer server = new CountingHttpServer(artifact, BYTES_PER_SECOND)) {
            if (rendezvous) {
                server.rendezvous(processes, Duration.ofSeconds(60));
            }
            Path settings = Files.writeString(round.resolve("ivysettings.xml"), """
                    <ivysettings>
                      <settings defaultResolver="loopback"/>
                      <resolvers>
                        <url name="loopback" checksums="">
                          <artifact pattern="%s[organisation]/[module]/[artifact]-[revision].[ext]"/>
                        </url>
                      </resolvers>
                    </ivysettings>
                    """.formatted(server.uri("/repository/")));
            Path cache = round.resolve("ivy-cache");
            List<Path> projects = new ArrayList<>();
            for (int i = 0; i < processes; i++) {
                Path project = Files.createDirectories(round.resolve("project-" + i));
                Files.writeString(project.resolve("ivy.xml"), """
                        <ivy-module version="2.0">
                          <info organisation="it.baton" module="project-%d"/>
                          <dependencies><dependency org="org.example" name="tool" rev="1.0"/></dependencies>
                        </ivy-module>
                        """.formatted(i));
                projects.add(project);
            }
            List<RunningJvm.Result> runs = Rounds.runAll(processes, 300, i -> {
                String name = "ivy-" + i;
                List<String> command = new ArrayList<>();
                command.add(jdk.java().toString());
                command.addAll(baton.options(name));
                command.addAll(List.of("-jar", ToolArtifacts.localRepository().resolve("org/apache/ivy/ivy/" + VERSION
                        + "/ivy-" + VERSION + ".jar").toString(), "-settings", settings.toString(), "-cache",
                        cache.toString(), "-ivy", "ivy.xml", "-retrieve", "lib/[artifact].[ext]"));
                return ChildProcess.of(projects.get(i), command.toArray(String[]::new)).named(name)
                        .start(round.resolve("out"));
            });
            long millis = (System.nanoTime() - start) / 1_000_000;
            List<String> failures = new ArrayList<>();
            List<String> broken = new ArrayList<>();
            int contended = 0;
            for (int i = 0; i < processes; i++) {
                RunningJvm.Result run = runs.get(i);
                if (run.exitCode() != 0) {
                    failures.add(run.name() + " exit " + run.exitCode() + ": " + run.stdout().lines()
                            .filter(l -> l.contains("FAILED") || l.contains("Exception")).findFirst().orElse(""));
                } else {
                    Path retrieved = projects.get(i).resolve("lib/tool.jar");
                    if (!Files.isRegularFile(retrieved)
                            || !sha256.equals(CountingHttpServer.sha256(Files.readAllBytes(retrieved)))) {
                        broken.add(run.name() + ": " + retrieved + " is not the served jar");
                    }
                }
                contended += ToolRound.waitedForAPeer(run) ? 1 : 0;
            }
            return new ToolRound("ivy " + VERSION + " resolve+retrieve", baton.toString(), runs, failures,
                    server.requests(), server.completeTransfers(), broken, contended, millis);
        }
    }
}
