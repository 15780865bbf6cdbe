package dev.baton.samples.demo;

import java.nio.file.Path;

/** One sample run by the demo in several processes: once without Baton, once with it. */
interface Scenario {
    String name();

    /** Why it may not run here (e.g. "npm not installed"), or null. */
    default String unavailable() {
        return null;
    }

    /** Runs the processes; {@code agent} is null for the run without Baton. Returns the table cell. */
    String run(Launcher launcher, Path work, boolean withBaton) throws Exception;
}
