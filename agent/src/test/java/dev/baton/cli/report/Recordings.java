package dev.baton.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.baton.jfr.LockWaitEvent;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/** Produces real JFR recordings for the tests: in this JVM, or in a child JVM of any installed JDK. */
final class Recordings {
    private Recordings() {
    }

    /** The settings users get from {@code java -jar baton-agent.jar jfc}. */
    static Configuration batonSettings() throws IOException, ParseException {
        return Configuration.create(new StringReader(new String(JfcCommand.settings(), StandardCharsets.UTF_8)));
    }

    /** Records {@link KnownEvents} in this JVM with baton.jfc's settings. */
    static Path knownEventsInProcess(Path dir) throws IOException, ParseException {
        Path file = dir.resolve("known.jfr");
        try (Recording recording = new Recording(batonSettings())) {
            recording.start();
            KnownEvents.commitAll();
            recording.stop();
            recording.dump(file);
        }
        return file;
    }

    /** Records nothing Baton-related: every section of the report must say "none". */
    static Path withoutBatonEvents(Path dir) throws IOException {
        Path file = dir.resolve("empty.jfr");
        try (Recording recording = new Recording()) {
            recording.start();
            recording.stop();
            recording.dump(file);
        }
        return file;
    }

    /**
     * Runs {@link KnownEvents} in a child JVM recording with the flag users are told to use:
     * {@code -XX:StartFlightRecording:settings=default,settings=baton.jfc,filename=...}.
     */
    static Path knownEventsInChild(Path java, Path dir) throws Exception {
        Path settings = Files.write(dir.resolve("baton.jfc"), JfcCommand.settings());
        Path file = dir.resolve("child.jfr");
        Path log = dir.resolve("child.log");
        String classPath = codeSource(LockWaitEvent.class) + File.pathSeparator + codeSource(KnownEvents.class);
        Process child = new ProcessBuilder(List.of(java.toString(),
                "-XX:StartFlightRecording:settings=default,settings=" + settings + ",filename=" + file,
                "-cp", classPath, KnownEvents.class.getName()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // A bound against a hung child, not a timing assertion: the child normally exits within seconds.
        if (!child.waitFor(3, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            throw new AssertionError("child JVM did not exit; output:\n" + Files.readString(log));
        }
        assertEquals(0, child.exitValue(), () -> "child JVM failed; output:\n" + readQuietly(log));
        return file;
    }

    private static String codeSource(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
