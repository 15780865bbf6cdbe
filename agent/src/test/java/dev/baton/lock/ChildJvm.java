package dev.baton.lock;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child process on the test class path ({@link LockChild}, or another backend's child), spoken to through stdin and
 * stdout lines.
 */
public final class ChildJvm implements AutoCloseable {
    private static final long LINE_TIMEOUT_SECONDS = 60;

    private final Process process;
    private final PrintStream in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildJvm(Process process) {
        this.process = process;
        this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readLines, "child-" + process.pid() + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** A {@link LockChild} on the file backend: {@code MODE DIR ARGS...}. */
    static ChildJvm start(String... args) throws IOException {
        return launch(LockChild.class, List.of(), List.of(args));
    }

    /** A {@link LockChild} on another JDK (its home), e.g. one with virtual threads. */
    static ChildJvm startOn(Path jdkHome, List<String> jvmOptions, String... args) throws IOException {
        return launchOn(jdkHome, LockChild.class, jvmOptions, List.of(args));
    }

    /** Starts {@code mainClass} with {@code args} in a quick-starting JVM on the test class path. */
    public static ChildJvm launch(Class<?> mainClass, List<String> jvmOptions, List<String> args) throws IOException {
        return launchOn(Path.of(System.getProperty("java.home")), mainClass, jvmOptions, args);
    }

    private static ChildJvm launchOn(Path jdkHome, Class<?> mainClass, List<String> jvmOptions, List<String> args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(jdkHome.resolve("bin").resolve("java").toString());
        command.addAll(jvmOptions);
        command.add("--add-opens=java.base/sun.nio.ch=ALL-UNNAMED"); // FileIdentity, as the agent does for itself
        command.add("--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED"); // and its ChannelDescriptor
        // Quick start matters more than peak speed for a child that lives a second.
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-Xshare:auto"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        return new ChildJvm(builder.start());
    }

    private void readLines() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The child died; awaitLine reports the missing line.
        }
    }

    /** The next stdout line, which must start with {@code prefix}. */
    public String awaitLine(String prefix) throws InterruptedException {
        String line = lines.poll(LINE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (line == null) {
            throw new AssertionError("child " + process.pid() + " printed no line starting with " + prefix
                    + " (alive: " + process.isAlive() + ")");
        }
        if (!line.startsWith(prefix)) {
            throw new AssertionError("child " + process.pid() + " printed '" + line + "', expected " + prefix);
        }
        return line;
    }

    public void send(String command) {
        in.println(command);
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    public int awaitExit() throws InterruptedException {
        if (!process.waitFor(LINE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("child " + process.pid() + " did not exit");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
