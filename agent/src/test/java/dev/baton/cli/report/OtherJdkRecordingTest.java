package dev.baton.cli.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import dev.baton.testsupport.Installed;

/**
 * Recordings made by child JVMs with the documented flag
 * {@code -XX:StartFlightRecording:settings=default,settings=baton.jfc,filename=...}, reported by this JVM (the
 * build's JDK 17). Checks that the flag keeps the JDK's defaults, applies baton.jfc, and that the report reads a
 * newer JDK's recording.
 */
class OtherJdkRecordingTest {
    @TempDir
    Path dir;

    @Test
    void recordingFromThisJdkWithDefaultAndBatonSettings() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path recording = Recordings.knownEventsInChild(java, dir);
        assertJdkDefaultsApplied(recording, Integer.toString(Runtime.version().feature()));
        KnownReport.assertMatches(RecordingReader.read(recording));
    }

    @Test
    void recordingFromJdk25ReportedByThisJdk() throws Exception {
        Optional<Path> jdk25 = Installed.jdk(25);
        assumeTrue(jdk25.isPresent(), "no JDK 25 found (JAVA25_HOME, JAVA_HOME, PATH, /usr/lib/jvm/*): the JDK 25"
                + " recording is not checked");
        Path recording = Recordings.knownEventsInChild(Installed.tool(jdk25.get(), "java"), dir);
        assertJdkDefaultsApplied(recording, "25");
        KnownReport.assertMatches(RecordingReader.read(recording));
    }

    /** settings=default must still record the JDK's own events next to Baton's. */
    private static void assertJdkDefaultsApplied(Path recording, String feature) throws Exception {
        List<String> versions = new ArrayList<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (event.getEventType().getName().equals("jdk.JVMInformation")) {
                versions.add(event.getString("jvmVersion"));
            }
        }
        assertEquals(1, versions.stream().distinct().count(), "jdk.JVMInformation from default.jfc: " + versions);
        assertTrue(versions.get(0).contains(" " + feature + ".") || versions.get(0).contains("-" + feature + "+")
                || versions.get(0).contains("(" + feature + "."), "recorded by JDK " + feature + ": " + versions);
    }
}
