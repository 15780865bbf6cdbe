package dev.baton.lock.postgres;

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

/** A {@link PgChild} process on the test class path, spoken to through stdin and stdout lines. */
final class PgChildJvm implements AutoCloseable {
    private static final long LINE_TIMEOUT_SECONDS = 60;

    private final Process process;
    private final PrintStream in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private PgChildJvm(Process process) {
        this.process = process;
        this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readLines, "pg-child-" + process.pid() + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** A child on {@code backend} ("file" or "postgres") with its own lock directory. */
    static PgChildJvm start(String backend, String url, Path lockDir, String... modeAndArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Quick start matters more than peak speed for a child that lives a second.
        command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-Xshare:auto"));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PgChild.class.getName()));
        command.addAll(List.of(backend, url, lockDir.toString()));
        command.addAll(List.of(modeAndArgs));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        return new PgChildJvm(builder.start());
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
    String awaitLine(String prefix) throws InterruptedException {
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

    void send(String command) {
        in.println(command);
    }

    Process process() {
        return process;
    }

    int awaitExit() throws InterruptedException {
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
