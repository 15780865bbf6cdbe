package dev.baton.samples.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Starts sample JVMs, with or without the agent, each with-Baton JVM writing its own JFR recording. */
final class Launcher {
    private final Path agentJar;
    private final Path jfc;
    private final Path recordings;
    private final AtomicInteger recordingCount = new AtomicInteger();
    private String scenario = "demo";

    Launcher(Path agentJar, Path jfc, Path recordings) {
        this.agentJar = agentJar;
        this.jfc = jfc;
        this.recordings = recordings;
    }

    /** Names the recordings of the processes started from now on, e.g. "downloads-03.jfr". */
    void scenario(String name) {
        scenario = name;
        recordingCount.set(0);
    }

    /** A running sample. */
    record Child(Process process, Path outputFile) {
        int awaitExit() throws InterruptedException {
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        }

        String output() throws IOException {
            return Files.readString(outputFile);
        }
    }

    /** The samples' class path, absolute: the children run in their own work directories. */
    private static String absoluteClassPath() {
        StringBuilder cp = new StringBuilder();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            cp.append(cp.length() == 0 ? "" : java.io.File.pathSeparator).append(Path.of(entry).toAbsolutePath());
        }
        return cp.toString();
    }

    Child start(Path work, boolean withBaton, Map<String, String> properties, String mainClass, Object... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (withBaton) {
            command.add("-javaagent:" + agentJar + "=lock.dir=" + work.resolve("locks"));
            Path recording = recordings.resolve(String.format("%s-%02d.jfr", scenario,
                    recordingCount.incrementAndGet()));
            command.add("-XX:StartFlightRecording:filename=" + recording
                    + (jfc != null && Files.exists(jfc) ? ",settings=" + jfc : ""));
            command.add("-Xlog:jfr+startup=warning");
        }
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(absoluteClassPath());
        command.add(mainClass);
        for (Object arg : args) {
            command.add(String.valueOf(arg));
        }
        Files.createDirectories(work);
        Path output = Files.createTempFile(work, "out-", ".txt");
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        return new Child(process, output);
    }

}
