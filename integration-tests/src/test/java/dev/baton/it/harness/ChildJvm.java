package dev.baton.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Describes a child JVM: JDK, agent (on by default, with arguments), system properties, class path, main class.
 * {@link #start()} launches it with stdout and stderr captured to files under a work directory.
 */
public final class ChildJvm {
    private final Jdk jdk;
    private final Path workDir;
    private boolean withAgent = true;
    private Path agentJar;
    private String agentArgs;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>();
    private String classPath;
    private String mainClass;
    private String jar;
    private final List<String> arguments = new ArrayList<>();
    private Path jfrFile;
    private String name = "child";
    private String user;

    private ChildJvm(Jdk jdk, Path workDir) {
        this.jdk = jdk;
        this.workDir = workDir;
    }

    public static ChildJvm on(Jdk jdk, Path workDir) {
        return new ChildJvm(jdk, workDir);
    }

    public ChildJvm named(String childName) {
        this.name = childName;
        return this;
    }

    public ChildJvm withoutAgent() {
        this.withAgent = false;
        return this;
    }

    /** Another copy of the agent jar than the build's, e.g. one saved under a versioned file name. */
    public ChildJvm agentJar(Path jarFile) {
        this.agentJar = jarFile;
        return this;
    }

    public ChildJvm agentArgs(String args) {
        this.agentArgs = args;
        return this;
    }

    public ChildJvm property(String key, Object value) {
        properties.put(key, String.valueOf(value));
        return this;
    }

    /**
     * The user rule {@code name}: {@code action=lock} on {@code method} ("Class#method") with the given key, then
     * further settings of that rule as setting, value pairs ({@code "timeout", "1s"}).
     */
    public ChildJvm lockRule(String name, String method, String key, String... settings) {
        String prefix = "baton.rules." + name + ".";
        property(prefix + "method", method).property(prefix + "action", "lock").property(prefix + "key", key);
        for (int i = 0; i + 1 < settings.length; i += 2) {
            property(prefix + settings[i], settings[i + 1]);
        }
        return this;
    }

    /**
     * Runs the JVM as another user ({@code runuser -u USER --}, so only when the tests run as root): for tests of
     * several users sharing a directory.
     */
    public ChildJvm asUser(String userName) {
        this.user = userName;
        return this;
    }

    public ChildJvm env(String key, String value) {
        environment.put(key, value);
        return this;
    }

    public ChildJvm jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    public ChildJvm classPath(String cp) {
        this.classPath = cp;
        return this;
    }

    public ChildJvm main(String className, Object... args) {
        this.mainClass = className;
        for (Object arg : args) {
            arguments.add(String.valueOf(arg));
        }
        return this;
    }

    /** Runs {@code java -jar JAR args} instead of a main class (e.g. the agent's own CLI). */
    public ChildJvm jar(Path jarFile, Object... args) {
        this.jar = jarFile.toString();
        for (Object arg : args) {
            arguments.add(String.valueOf(arg));
        }
        return this;
    }

    /** Records a JFR file with Baton's settings; read it after exit with {@link Recording}. */
    public ChildJvm recordTo(Path file) {
        this.jfrFile = file;
        return this;
    }

    public List<String> command() {
        List<String> command = new ArrayList<>();
        if (user != null) {
            command.addAll(List.of("runuser", "-u", user, "--"));
        }
        command.add(jdk.java().toString());
        if (withAgent) {
            command.add("-javaagent:" + (agentJar != null ? agentJar : Artifacts.agentJar()) + (agentArgs == null ? "" : "=" + agentArgs));
        }
        if (jfrFile != null) {
            command.add("-XX:StartFlightRecording:filename=" + jfrFile + ",settings=default");
        }
        command.add("-Xshare:auto");
        command.addAll(jvmOptions);
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        if (jar != null) {
            command.add("-jar");
            command.add(jar);
        } else {
            if (classPath != null) {
                command.add("-cp");
                command.add(classPath);
            }
            command.add(mainClass);
        }
        command.addAll(arguments);
        return command;
    }

    public RunningJvm start() throws IOException {
        Files.createDirectories(workDir);
        Path stdout = Files.createTempFile(workDir, name + "-", ".out");
        Path stderr = Files.createTempFile(workDir, name + "-", ".err");
        ProcessBuilder builder = new ProcessBuilder(command()).directory(workDir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        // Child JVMs must not inherit a JFR or agent configuration from the developer's shell.
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().keySet().removeIf(k -> k.startsWith("BATON_"));
        builder.environment().putAll(environment);
        return new RunningJvm(name, builder.start(), stdout, stderr, jfrFile);
    }

    /** Starts and waits for the exit (at most the given seconds). */
    public RunningJvm.Result run(long timeoutSeconds) throws IOException, InterruptedException {
        return start().awaitExit(timeoutSeconds);
    }
}
