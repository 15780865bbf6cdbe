package dev.baton;

import dev.baton.instrument.TypeHierarchyBenchmark;
import dev.baton.lock.LockBenchmark;

/**
 * The agent module's part of {@code -Pbench}: benchmarks that need the runtime's classes and test helpers. Names
 * this module does not own are left to integration-tests' dev.baton.it.bench.Benchmarks.
 */
public final class AgentBenchmarks {
    private AgentBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        String wanted = args.length == 0 ? "all" : args[0];
        if (wanted.equals("lock") || wanted.equals("all")) {
            LockBenchmark.main(new String[0]);
        }
        if (wanted.equals("hierarchy") || wanted.equals("all")) {
            TypeHierarchyBenchmark.main(new String[0]);
        }
    }
}
