package dev.baton.it.tools;

import java.util.List;

import dev.baton.it.harness.RunningJvm;

/**
 * What N concurrent runs of a real tool did against one shared cache.
 *
 * @param failures one line per process that exited non-zero or did not print what a working run prints
 * @param requests HTTP requests the slow 127.0.0.1 server received (GETs of the artifact)
 * @param transfers complete transfers of the artifact
 * @param brokenInstalls one line per installed tree that differs from the artifact (missing or wrong files)
 * @param contendedWaits processes that logged Baton's "waiting for the ... lock" line: proof that runs overlapped
 */
public record ToolRound(String tool, String setup, List<RunningJvm.Result> runs, List<String> failures, int requests,
        int transfers, List<String> brokenInstalls, int contendedWaits, long millis) {

    /** The line Baton logs (at info) when a process waits for a lock another process holds. */
    static boolean waitedForAPeer(RunningJvm.Result run) {
        return run.stderr().lines().anyMatch(l -> l.startsWith("[baton]") && l.contains(" waiting for the "))
                || run.stdout().lines().anyMatch(l -> l.startsWith("[baton]") && l.contains(" waiting for the "));
    }

    /**
     * Baton's warnings and errors in any process (a hook that fell back to the original, a bad recipe): a fixed round
     * must have none, or the fix may have come from luck rather than the recipe.
     */
    public List<String> batonWarnings() {
        return runs.stream().flatMap(r -> r.stderr().lines())
                .filter(l -> l.startsWith("[baton] WARN") || l.startsWith("[baton] ERROR")).toList();
    }

    public int processes() {
        return runs.size();
    }

    /** One line for test output and reports. */
    public String summary() {
        return String.format("TOOL %s (%s): processes=%d failures=%d gets=%d transfers=%d broken=%d contended=%d"
                + " seconds=%.1f", tool, setup, processes(), failures.size(), requests, transfers,
                brokenInstalls.size(), contendedWaits, millis / 1000.0);
    }

    /** Everything, for an assertion message. */
    public String details() {
        StringBuilder text = new StringBuilder(summary()).append('\n');
        failures.forEach(f -> text.append("  failed: ").append(f).append('\n'));
        brokenInstalls.forEach(b -> text.append("  broken: ").append(b).append('\n'));
        return text.toString();
    }

    /** The output of the first failed run (or of the first run), for an assertion message. */
    public String firstFailureOutput() {
        return runs.stream().filter(r -> r.exitCode() != 0).findFirst().orElse(runs.get(0)).toString();
    }
}
