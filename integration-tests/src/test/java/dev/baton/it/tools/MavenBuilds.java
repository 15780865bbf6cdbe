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
        // Not the machine's settings: every repository is mirrored to a closed port on 127.0.0.1, so a build that
        // is not offline (download-maven-plugin refuses to download in offline mode) still reaches no network.
        this.settings = Files.writeString(round.resolve("settings.xml"), """
                <settings>
                  <mirrors>
                    <mirror><id>nowhere</id><mirrorOf>*</mirrorOf><url>http://127.0.0.1:9/</url></mirror>
                  </mirrors>
                </settings>
                """);
    }

    Path localRepository() {
        return localRepository;
    }

    /** {@code mvn -B -o ... GOALS} in {@code project}. */
    ChildProcess build(Path project, BatonSetup baton, String name, String... goals) {
        return build(project, baton, name, true, goals);
    }

    /** {@code mvn -B [-o] ... GOALS} in {@code project}; online builds still reach only the dead mirror. */
    ChildProcess build(Path project, BatonSetup baton, String name, boolean offline, String... goals) {
        ChildProcess mvn = ChildProcess.of(project, ToolArtifacts.mavenHome().resolve("bin/mvn").toString(), "-B",
                offline ? "-o" : "-B", "-s", settings.toString(), "-gs", settings.toString(),
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
