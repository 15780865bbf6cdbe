package dev.baton.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A child process that is not a plain {@code java} command: a tool's own launcher script ({@code mvnw}, Maven's
 * {@code bin/mvn}), which starts its JVM itself. Baton reaches such a JVM the way users deploy it, through the
 * environment ({@code JAVA_TOOL_OPTIONS}, {@code MAVEN_OPTS}), never through the command line.
 */
public final class ChildProcess {
    private final Path workDir;
    private final List<String> command = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private String name = "process";

    private ChildProcess(Path workDir, List<String> command) {
        this.workDir = workDir;
        this.command.addAll(command);
    }

    public static ChildProcess of(Path workDir, String... command) {
        return new ChildProcess(workDir, List.of(command));
    }

    public ChildProcess named(String processName) {
        this.name = processName;
        return this;
    }

    public ChildProcess env(String key, String value) {
        environment.put(key, value);
        return this;
    }

    public ChildProcess args(String... arguments) {
        command.addAll(List.of(arguments));
        return this;
    }

    /** Starts it with stdout and stderr captured to files beside the work directory's other outputs. */
    public RunningJvm start(Path outputDir) throws IOException {
        Files.createDirectories(outputDir);
        Path stdout = Files.createTempFile(outputDir, name + "-", ".out");
        Path stderr = Files.createTempFile(outputDir, name + "-", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        // Nothing from the developer's shell: the test decides which JVMs get Baton and how.
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("MAVEN_OPTS");
        builder.environment().remove("MAVEN_ARGS");
        // The outer Maven exports these to the test JVM; a launcher script would build in the wrong directory.
        builder.environment().remove("MAVEN_PROJECTBASEDIR");
        builder.environment().remove("MAVEN_BASEDIR");
        builder.environment().remove("MAVEN_CMD_LINE_ARGS");
        builder.environment().remove("MAVEN_HOME");
        builder.environment().remove("M2_HOME");
        builder.environment().keySet().removeIf(k -> k.startsWith("BATON_"));
        builder.environment().putAll(environment);
        return new RunningJvm(name, builder.start(), stdout, stderr, null);
    }
}
