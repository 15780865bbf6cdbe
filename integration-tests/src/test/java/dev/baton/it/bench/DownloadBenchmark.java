package dev.baton.it.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.CountingHttpServer;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.RunningJvm;

/**
 * What users feel when eight processes fill one cache file: a server whose uplink is capped and shared by all its
 * clients (as a real server's is, so eight duplicate transfers each get an eighth of it), eight CarelessFetcher
 * processes (HttpClient idiom) started the same way with and without Baton, and one process alone. Wall time runs
 * from the first request the server sees to the last process's exit, so JVM start-up before anyone asks is not
 * counted in any arm. Goal with Baton: 1 transfer and wall at most 1.2x the single download; without, about 8x.
 * Rounds alternate so drift of the machine hits every arm alike; medians are reported, transfers per round too.
 */
final class DownloadBenchmark implements Benchmarks.Benchmark {
    private static final int PROCESSES = 8;
    private static final int SIZE = 24 * 1024 * 1024;
    private static final int UPLINK_BYTES_PER_SECOND = 8 * 1024 * 1024;
    private static final int ROUNDS = 3;

    /** One arm's rounds. */
    private static final class Arm {
        final double[] wallSeconds = new double[ROUNDS];
        final int[] transfers = new int[ROUNDS];
        final int[] requests = new int[ROUNDS];
        final long[] bytes = new long[ROUNDS];

        double medianWall() {
            return Stats.median(wallSeconds);
        }

        String transfersPerRound() {
            return join(transfers);
        }
    }

    @Override
    public Map<String, Object> run() throws Exception {
        Jdk jdk = Jdk.find(17).orElseThrow();
        Arm single = new Arm();
        Arm without = new Arm();
        Arm with = new Arm();
        for (int round = 0; round < ROUNDS; round++) {
            fetch(jdk, 1, true, single, round);
            fetch(jdk, PROCESSES, false, without, round);
            fetch(jdk, PROCESSES, true, with, round);
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("single_s", Stats.ms(single.medianWall()));
        figures.put("without_s", Stats.ms(without.medianWall()));
        figures.put("with_s", Stats.ms(with.medianWall()));
        figures.put("without_vs_single", ratio(without.medianWall(), single.medianWall()));
        figures.put("with_vs_single", ratio(with.medianWall(), single.medianWall()));
        figures.put("without_transfers", without.transfersPerRound());
        figures.put("with_transfers", with.transfersPerRound());
        figures.put("with_requests", join(with.requests));
        figures.put("without_mb", megabytes(without.bytes));
        figures.put("with_mb", megabytes(with.bytes));
        figures.put("load", String.format(Locale.ROOT, "%.1f",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        System.out.printf("%d processes, %d MB over a %d MB/s uplink shared by all clients, wall from the first"
                + " request: single %s s; without Baton %s s (%sx), transfers per round %s; with Baton %s s (%sx),"
                + " transfers per round %s%n", PROCESSES, SIZE >> 20, UPLINK_BYTES_PER_SECOND >> 20,
                figures.get("single_s"), figures.get("without_s"), figures.get("without_vs_single"),
                figures.get("without_transfers"), figures.get("with_s"), figures.get("with_vs_single"),
                figures.get("with_transfers"));
        return figures;
    }

    /** Starts the processes at once, the same way in every arm; records wall, transfers, requests, bytes. */
    private static void fetch(Jdk jdk, int processes, boolean agent, Arm arm, int round) throws Exception {
        Path work = Files.createTempDirectory("baton-bench-download");
        try (CountingHttpServer server = new CountingHttpServer(SIZE, Integer.MAX_VALUE)) {
            server.shareBandwidth(UPLINK_BYTES_PER_SECOND);
            List<RunningJvm> children = new ArrayList<>();
            for (int i = 0; i < processes; i++) {
                ChildJvm child = ChildJvm.on(jdk, work).classPath(Artifacts.samplesClassPath())
                        .agentArgs("lock.dir=" + work.resolve("locks"))
                        .main("dev.baton.samples.download.CarelessFetcher", "http-client", server.uri("/big.bin"),
                                work.resolve("cache/big.bin"));
                children.add((agent ? child : child.withoutAgent()).start());
            }
            for (RunningJvm child : children) {
                RunningJvm.Result result = child.awaitExit(600);
                if (result.exitCode() != 0) {
                    throw new IllegalStateException("fetcher failed: " + result);
                }
            }
            arm.wallSeconds[round] = (System.nanoTime() - server.firstRequestNanos()) / 1e9;
            arm.transfers[round] = server.completeTransfers();
            arm.requests[round] = server.requests();
            arm.bytes[round] = server.bytesSent();
        }
    }

    private static String ratio(double a, double b) {
        return String.format(Locale.ROOT, "%.2f", a / b);
    }

    private static String megabytes(long[] bytes) {
        return join(Arrays.stream(bytes).map(b -> b >> 20).toArray());
    }

    private static String join(int[] values) {
        return join(Arrays.stream(values).asLongStream().toArray());
    }

    private static String join(long[] values) {
        StringBuilder text = new StringBuilder();
        for (long value : values) {
            text.append(text.length() == 0 ? "" : ",").append(value);
        }
        return text.toString();
    }
}
