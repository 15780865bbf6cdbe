package dev.baton.it.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.RunningJvm;

/**
 * Copies that are not downloads must cost nothing (issue 13, point 5): 5,000 local {@code Files.copy} calls, and
 * 5,000 into a directory of 30,000 files, timed inside one JVM, with and without Baton, in alternating rounds.
 * Goal: overhead at most 5%. On the first version, Baton locked, wrote a temp file and listed the directory for each:
 * 18 s instead of 0.3 s, and 20.7 s instead of 2.1 s.
 */
final class CopiesBenchmark implements Benchmarks.Benchmark {
    private static final int ROUNDS = 5;

    @Override
    public Map<String, Object> run() throws Exception {
        Jdk jdk = Jdk.find(17).orElseThrow();
        Path work = Files.createTempDirectory("baton-bench-copies");
        Path crowded = Files.createDirectories(work.resolve("crowded"));
        for (int i = 0; i < 30_000; i++) {
            Files.write(crowded.resolve("existing-" + i), new byte[0]);
        }
        double[][] plain = new double[2][ROUNDS];
        double[][] crowd = new double[2][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            for (int side = 0; side < 2; side++) {
                boolean agent = side == 1;
                plain[side][round] = loop(jdk, work, work.resolve("plain-" + side), 5_000, 50, agent);
                crowd[side][round] = loop(jdk, work, crowded, 5_000, 1_000, agent);
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("copies_without_ms", Stats.ms(Stats.median(plain[0])));
        figures.put("copies_with_ms", Stats.ms(Stats.median(plain[1])));
        figures.put("copies_overhead_percent", percent(plain));
        figures.put("crowded_without_ms", Stats.ms(Stats.median(crowd[0])));
        figures.put("crowded_with_ms", Stats.ms(Stats.median(crowd[1])));
        figures.put("crowded_overhead_percent", percent(crowd));
        figures.put("load", String.format(Locale.ROOT, "%.1f",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        System.out.printf("5,000 local copies: %s ms without Baton, %s ms with; 5,000 into 30,000 files: %s ms, %s ms"
                + " (medians of %d alternating rounds)%n", figures.get("copies_without_ms"),
                figures.get("copies_with_ms"), figures.get("crowded_without_ms"), figures.get("crowded_with_ms"),
                ROUNDS);
        return figures;
    }

    private static String percent(double[][] sides) {
        return String.format(Locale.ROOT, "%.1f", 100 * (Stats.median(sides[1]) / Stats.median(sides[0]) - 1));
    }

    /** Milliseconds of the copy loop in a fresh JVM. */
    private static double loop(Jdk jdk, Path work, Path dir, int count, int distinct, boolean agent)
            throws Exception {
        ChildJvm child = ChildJvm.on(jdk, work).classPath(Artifacts.testClasses())
                .agentArgs("lock.dir=" + work.resolve("locks"))
                .main("dev.baton.it.bench.CopyLoop", dir, count, distinct);
        RunningJvm.Result result = (agent ? child : child.withoutAgent()).run(300);
        String line = result.stdout().lines().filter(l -> l.startsWith("ELAPSED_NS ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("copy loop failed: " + result));
        return Long.parseLong(line.substring("ELAPSED_NS ".length())) / 1e6;
    }
}
