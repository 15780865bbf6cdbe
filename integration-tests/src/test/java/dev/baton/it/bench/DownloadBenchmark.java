package dev.baton.it.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.CountingHttpServer;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.RunningJvm;

/**
 * Eight CarelessFetcher processes (HttpClient idiom) fill one cache file from a paced HTTP server on 127.0.0.1,
 * without and with Baton, against one process alone. Goal: one transfer, wall time at most 1.2x the single download.
 * Rounds alternate so drift of the machine hits every side alike; medians are reported.
 */
final class DownloadBenchmark implements Benchmarks.Benchmark {
    private static final int PROCESSES = 8;
    // Large enough (about 4 s alone) that starting eight JVMs on two cores does not dominate the wall time.
    private static final int SIZE = 64 * 1024 * 1024;
    private static final int BYTES_PER_SECOND = 16 * 1024 * 1024;
    private static final int ROUNDS = 3;

    @Override
    public Map<String, Object> run() throws Exception {
        Jdk jdk = Jdk.find(17).orElseThrow();
        double[] single = new double[ROUNDS];
        double[] without = new double[ROUNDS];
        double[] with = new double[ROUNDS];
        long[] bytes = new long[2];
        int[] transfers = new int[2];
        for (int round = 0; round < ROUNDS; round++) {
            single[round] = fetch(jdk, 1, true, null, null);
            without[round] = fetch(jdk, PROCESSES, false, bytes, transfers);
            with[round] = fetch(jdk, PROCESSES, true, bytes, transfers);
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("single_s", Stats.ms(Stats.median(single)));
        figures.put("without_s", Stats.ms(Stats.median(without)));
        figures.put("with_s", Stats.ms(Stats.median(with)));
        figures.put("with_vs_single", String.format(java.util.Locale.ROOT, "%.2f",
                Stats.median(with) / Stats.median(single)));
        figures.put("without_transfers", transfers[0] / ROUNDS);
        figures.put("with_transfers", transfers[1] / ROUNDS);
        figures.put("without_mb", bytes[0] / ROUNDS / (1024 * 1024));
        figures.put("with_mb", bytes[1] / ROUNDS / (1024 * 1024));
        System.out.printf("%d processes, %d MB at %d MB/s: single %s s; without Baton %s s, %d transfers; with Baton"
                + " %s s, %d transfer(s)%n", PROCESSES, SIZE >> 20, BYTES_PER_SECOND >> 20, figures.get("single_s"),
                figures.get("without_s"), transfers[0] / ROUNDS, figures.get("with_s"), transfers[1] / ROUNDS);
        return figures;
    }

    /** Seconds from starting the processes until the last exits; adds bytes and transfers to [without, with]. */
    private static double fetch(Jdk jdk, int processes, boolean agent, long[] bytes, int[] transfers)
            throws Exception {
        Path work = Files.createTempDirectory("baton-bench-download");
        try (CountingHttpServer server = new CountingHttpServer(SIZE, BYTES_PER_SECOND)) {
            long start = System.nanoTime();
            List<RunningJvm> children = new ArrayList<>();
            for (int i = 0; i < processes; i++) {
                ChildJvm child = ChildJvm.on(jdk, work).classPath(Artifacts.samplesClassPath())
                        .agentArgs("lock.dir=" + work.resolve("locks"))
                        .main("dev.baton.samples.download.CarelessFetcher", "http-client", server.uri("/big.bin"),
                                work.resolve("cache/big.bin"));
                children.add((agent ? child : child.withoutAgent()).start());
            }
            for (RunningJvm child : children) {
                RunningJvm.Result result = child.awaitExit(300);
                if (result.exitCode() != 0) {
                    throw new IllegalStateException("fetcher failed: " + result);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (bytes != null) {
                int side = agent ? 1 : 0;
                bytes[side] += server.bytesSent();
                transfers[side] += server.completeTransfers();
            }
            return seconds;
        }
    }
}
