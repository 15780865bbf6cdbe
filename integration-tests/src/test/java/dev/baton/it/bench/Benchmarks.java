package dev.baton.it.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs benchmarks on demand: {@code mvn -B -q -pl integration-tests -am -Pbench verify -Dbench=NAME}. Each prints
 * its figures and a last line {@code BENCH NAME key=value ...}. Benchmarks are never part of the test suite.
 */
public final class Benchmarks {
    /** A benchmark: returns the key=value figures of its BENCH line. */
    public interface Benchmark {
        Map<String, Object> run() throws Exception;
    }

    private static Map<String, Benchmark> all() {
        Map<String, Benchmark> all = new LinkedHashMap<>();
        all.put("startup", new StartupBenchmark());
        all.put("offload", new OffloadBenchmark());
        all.put("server", new ServerBenchmark());
        all.put("download", new DownloadBenchmark());
        all.put("copies", new CopiesBenchmark());
        all.put("sqlite", new SqliteBenchmark());
        all.put("suggest", new SuggestBenchmark());
        return all;
    }

    /** Benchmarks of the agent's own parts, run by the agent module's bench profile (dev.baton.AgentBenchmarks). */
    private static final java.util.Set<String> IN_AGENT_MODULE = java.util.Set.of("lock");

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        String wanted = args.length == 0 ? "all" : args[0];
        Map<String, Benchmark> all = all();
        if (IN_AGENT_MODULE.contains(wanted)) {
            return;
        }
        if (!wanted.equals("all") && !all.containsKey(wanted)) {
            System.err.println("unknown benchmark '" + wanted + "'; known: " + all.keySet());
            System.exit(2);
        }
        for (Map.Entry<String, Benchmark> bench : all.entrySet()) {
            if (wanted.equals("all") || wanted.equals(bench.getKey())) {
                StringBuilder line = new StringBuilder("BENCH ").append(bench.getKey());
                bench.getValue().run().forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
                System.out.println(line);
            }
        }
    }
}
