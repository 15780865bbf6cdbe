package dev.baton.it.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.RunningJvm;
import dev.baton.it.tools.ToolArtifacts;

/**
 * {@code scan --suggest} on about 10 MB of real class files: the 71 jars of Maven 3.9.9's lib directory (11 MB,
 * Maven core, the resolver and their dependencies) scanned as one code base, 3 runs; reports the median wall time
 * of the whole command (JVM start included), the analysis time it prints, and the machine's load average.
 */
final class SuggestBenchmark implements Benchmarks.Benchmark {
    private static final int RUNS = 3;
    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) suggestion\\(s\\) for .* \\((\\d+) classes, (\\d+) methods analysed, (\\d+) ms\\)");

    @Override
    public Map<String, Object> run() throws Exception {
        Path lib = ToolArtifacts.mavenHome().resolve("lib");
        List<Object> args = new ArrayList<>(List.of("scan", "--suggest"));
        long bytes = 0;
        try (Stream<Path> jars = Files.list(lib)) {
            for (Path jar : (Iterable<Path>) jars.filter(j -> j.toString().endsWith(".jar")).sorted()::iterator) {
                args.add(jar);
                bytes += Files.size(jar);
            }
        }
        Path work = Files.createTempDirectory("baton-bench-suggest");
        double[] wall = new double[RUNS];
        double[] analysis = new double[RUNS];
        Matcher last = null;
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            RunningJvm.Result result = ChildJvm.on(Jdk.target(), work).withoutAgent()
                    .jar(Artifacts.agentJar(), args.toArray()).run(900);
            wall[i] = (System.nanoTime() - start) / 1e6;
            Matcher summary = SUMMARY.matcher(result.stdout());
            if (result.exitCode() != 0 || !summary.find()) {
                throw new IllegalStateException("scan --suggest failed: " + result);
            }
            analysis[i] = Double.parseDouble(summary.group(4));
            last = summary;
        }
        String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        System.out.printf("%d jars, %.1f MB, %s classes, %s methods analysed, %s suggestions: wall %s ms, analysis %s"
                + " ms (median of %d), load %s%n", args.size() - 2, bytes / 1e6, last.group(2), last.group(3),
                last.group(1), Stats.ms(Stats.median(wall)), Stats.ms(Stats.median(analysis)), RUNS, load);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("megabytes", String.format("%.1f", bytes / 1e6));
        figures.put("classes", last.group(2));
        figures.put("suggestions", last.group(1));
        figures.put("wall_ms", Stats.ms(Stats.median(wall)));
        figures.put("analysis_ms", Stats.ms(Stats.median(analysis)));
        figures.put("load", load);
        return figures;
    }
}
