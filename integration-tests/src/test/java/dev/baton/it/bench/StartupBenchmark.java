package dev.baton.it.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.baton.it.apps.HelloApp;
import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;

/**
 * Startup overhead: a hello-world JVM with and without the agent, 21 runs each, interleaved so that drift of the
 * machine hits both sides alike; reports medians per JDK. Goal: overhead at most +300 ms on a 2-core machine.
 */
final class StartupBenchmark implements Benchmarks.Benchmark {
    private static final int RUNS = 21;

    @Override
    public Map<String, Object> run() throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        Path work = Files.createTempDirectory("baton-bench-startup");
        for (int feature : new int[] {17, 25}) {
            Optional<Jdk> jdk = Jdk.find(feature);
            if (jdk.isEmpty()) {
                System.out.println("JDK " + feature + " not found: skipped");
                continue;
            }
            double[] without = new double[RUNS];
            double[] with = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                without[i] = timeMs(jdk.get(), work, false);
                with[i] = timeMs(jdk.get(), work, true);
            }
            double overhead = Stats.median(with) - Stats.median(without);
            System.out.printf("JDK %d: without %s ms, with %s ms (median of %d), overhead %s ms%n", feature,
                    Stats.ms(Stats.median(without)), Stats.ms(Stats.median(with)), RUNS, Stats.ms(overhead));
            figures.put("jdk" + feature + "_without_ms", Stats.ms(Stats.median(without)));
            figures.put("jdk" + feature + "_with_ms", Stats.ms(Stats.median(with)));
            figures.put("jdk" + feature + "_overhead_ms", Stats.ms(overhead));
        }
        return figures;
    }

    private static double timeMs(Jdk jdk, Path work, boolean agent) throws Exception {
        ChildJvm child = ChildJvm.on(jdk, work).classPath(Artifacts.testClasses()).main(HelloApp.class.getName());
        if (!agent) {
            child.withoutAgent();
        }
        long start = System.nanoTime();
        var result = child.run(60);
        double ms = (System.nanoTime() - start) / 1e6;
        if (result.exitCode() != 0) {
            throw new IllegalStateException("hello world failed: " + result);
        }
        return ms;
    }
}
