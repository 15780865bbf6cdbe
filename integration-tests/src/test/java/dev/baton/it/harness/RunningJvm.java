package dev.baton.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A started child JVM; its output is read from the capture files, so nothing blocks on full pipes. */
public final class RunningJvm {
    /** How a child ended, with everything it printed. */
    public record Result(String name, long pid, int exitCode, String stdout, String stderr, Path jfrFile) {
        /** stderr lines Baton printed (prefix "[baton]"). */
        public List<String> batonLines() {
            return stderr.lines().filter(l -> l.startsWith("[baton]")).toList();
        }

        /** From Baton's start-up line: how many classes it will rewrite when they are loaded (fails if absent). */
        public int classesRewrittenWhenLoaded() {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("; (\\d+) class(es)? when loaded")
                    .matcher(batonLines().isEmpty() ? "" : batonLines().get(0));
            if (!m.find()) {
                throw new AssertionError("no start-up line counting the classes rewritten when loaded:\n" + this);
            }
            return Integer.parseInt(m.group(1));
        }

        @Override
        public String toString() {
            return name + " exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private final String name;
    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final Path jfrFile;

    RunningJvm(String name, Process process, Path stdout, Path stderr, Path jfrFile) {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.jfrFile = jfrFile;
    }

    public Process process() {
        return process;
    }

    public long pid() {
        return process.pid();
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    /** Waits for the exit; a child still running after the timeout is killed and the test fails. */
    public Result awaitExit(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(name + " did not exit within " + timeoutSeconds + " s\n--- stdout\n"
                    + stdout() + "\n--- stderr\n" + stderr());
        }
        return new Result(name, process.pid(), process.exitValue(), stdout(), stderr(), jfrFile);
    }

    /** kill -9: the JVM gets no chance to clean up, like a crashed or OOM-killed worker. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
