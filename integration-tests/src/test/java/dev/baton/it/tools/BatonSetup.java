package dev.baton.it.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.baton.it.harness.Artifacts;

/**
 * How the processes of a round get Baton: not at all, or the real agent jar with a private lock directory and extra
 * settings (a user rule, a recipe switched off, a {@code baton.config} file written by {@code scan --suggest}).
 * Each tool puts {@link #options(String)} where that tool's users would: on the {@code java} command line, in
 * {@code JAVA_TOOL_OPTIONS} for a launcher script, in {@code MAVEN_OPTS} for a Maven build.
 */
public final class BatonSetup {
    private final boolean enabled;
    private final Path lockDir;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private Path recordings;

    private BatonSetup(boolean enabled, Path lockDir) {
        this.enabled = enabled;
        this.lockDir = lockDir;
    }

    /** The tool as it ships: no agent. */
    public static BatonSetup without() {
        return new BatonSetup(false, null);
    }

    /** The agent with its defaults (presets and recipes active) and a lock directory private to the test. */
    public static BatonSetup agent(Path lockDir) {
        return new BatonSetup(true, lockDir);
    }

    /**
     * One more {@code -Dkey=value} for every JVM of the round, e.g. {@code baton.rules.x.method}. Values must not
     * contain white space (environment variables split on it): put such settings in a file and pass
     * {@code baton.config}.
     */
    public BatonSetup set(String key, String value) {
        if (value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("white space in " + key + "=" + value + ": use baton.config=FILE");
        }
        settings.put(key, value);
        return this;
    }

    /** A properties file of {@code baton.*} settings, e.g. the output of {@code scan --suggest --format=properties}. */
    public BatonSetup configFile(Path file) {
        return set("baton.config", file.toAbsolutePath().toString());
    }

    /** Every JVM of the round records JFR (with Baton's events) into {@code directory/NAME.jfr}. */
    public BatonSetup recordTo(Path directory) {
        this.recordings = directory.toAbsolutePath();
        return this;
    }

    public boolean enabled() {
        return enabled;
    }

    /** The recording a process named {@code name} writes, when recording. */
    public Path recording(String name) {
        return recordings == null ? null : recordings.resolve(name + ".jfr");
    }

    /** JVM options for one process of the round (empty without Baton). */
    public List<String> options(String processName) {
        List<String> options = new ArrayList<>();
        if (!enabled) {
            return options;
        }
        options.add("-javaagent:" + Artifacts.agentJar());
        options.add("-Dbaton.lock.dir=" + lockDir.toAbsolutePath());
        settings.forEach((k, v) -> options.add("-D" + k + "=" + v));
        if (recordings != null) {
            options.add("-XX:StartFlightRecording:filename=" + recording(processName) + ",settings=default");
        }
        return options;
    }

    /** The same options as one string, for {@code JAVA_TOOL_OPTIONS} or {@code MAVEN_OPTS}. */
    public String optionString(String processName) {
        return String.join(" ", options(processName));
    }

    @Override
    public String toString() {
        return enabled ? "baton" + (settings.isEmpty() ? "" : " " + settings) : "without baton";
    }
}
