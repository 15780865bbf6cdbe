package dev.baton.it.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.baton.it.harness.ChildProcess;
import dev.baton.it.harness.Jdk;

/**
 * Child Maven builds the way CI runs them: Apache Maven 3.9.9's own {@code bin/mvn}, offline, Baton only in
 * {@code MAVEN_OPTS}. Each round has a fresh local repository (the shared cache under test) with the build's local
 * repository behind it as a read-only tail, where the plugins were resolved.
 */
final class MavenBuilds {
    private final Jdk jdk;
    private final Path localRepository;
    private final Path settings;

    MavenBuilds(Jdk jdk, Path round) throws IOException {
        this.jdk = jdk;
        this.localRepository = round.resolve("repository");
        // No user or global settings from the machine: no mirrors, no proxies, nothing that could reach a network.
        this.settings = Files.writeString(round.resolve("settings.xml"), "<settings/>\n");
    }

    Path localRepository() {
        return localRepository;
    }

    /** {@code mvn -B -o ... GOALS} in {@code project}. */
    ChildProcess build(Path project, BatonSetup baton, String name, String... goals) {
        ChildProcess mvn = ChildProcess.of(project, ToolArtifacts.mavenHome().resolve("bin/mvn").toString(), "-B",
                "-o", "-s", settings.toString(), "-gs", settings.toString(),
                "-Dmaven.repo.local=" + localRepository, "-Dmaven.repo.local.tail=" + ToolArtifacts.localRepository())
                .args(goals).named(name)
                .env("JAVA_HOME", jdk.java().getParent().getParent().toString())
                .env("MAVEN_SKIP_RC", "true");
        if (baton.enabled()) {
            mvn.env("MAVEN_OPTS", baton.optionString(name));
        }
        return mvn;
    }
}
