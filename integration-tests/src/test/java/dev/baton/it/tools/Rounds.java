package dev.baton.it.tools;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import dev.baton.it.harness.RunningJvm;

/** Starts the processes of a round all at once and waits for every one of them. */
final class Rounds {
    private Rounds() {
    }

    @FunctionalInterface
    interface Launch {
        RunningJvm start(int index) throws IOException;
    }

    static List<RunningJvm.Result> runAll(int processes, long timeoutSeconds, Launch launch)
            throws IOException, InterruptedException {
        List<RunningJvm> started = new ArrayList<>();
        try {
            for (int i = 0; i < processes; i++) {
                started.add(launch.start(i));
            }
            List<RunningJvm.Result> results = new ArrayList<>();
            for (RunningJvm process : started) {
                results.add(process.awaitExit(timeoutSeconds));
            }
            return results;
        } finally {
            for (RunningJvm process : started) {
                if (process.process().isAlive()) {
                    process.process().descendants().forEach(ProcessHandle::destroyForcibly);
                    process.kill();
                }
            }
        }
    }
}
