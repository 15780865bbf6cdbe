package dev.baton.it.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.RunningJvm;

/**
 * A virtual-thread web server with SQLite behind it (dev.baton.samples.vthreads.SqliteHttpServer on JDK 25, 2
 * carriers), as users run one, with Baton's default settings:
 * <ul>
 * <li>mixed: 8 clients loop on a slow report (~0.4 s) while two probes call every 10 ms, one a route that does not
 * touch the database, one a primary-key lookup. Goal with Baton: both probes p99 at most 50 ms (without: seconds);</li>
 * <li>throughput: 16 clients loop on lookups only. Goal: at least the requests per second without Baton.</li>
 * </ul>
 * Before the mixed run, the probes run alone for 5 s: their p99 then is this machine's noise at the time.
 * Variants, interleaved round by round: without Baton, with Baton (default: managed blocking) and with
 * baton.offload.mode=pool (the fallback), so the two designs are measured side by side. Clients run in this JVM on
 * platform threads; on a shared 2-core machine they compete with the server, so figures are indicative.
 */
final class ServerBenchmark implements Benchmarks.Benchmark {
    private static final String SERVER = "dev.baton.samples.vthreads.SqliteHttpServer";
    private static final int SLOW_CLIENTS = 8;
    private static final int THROUGHPUT_CLIENTS = 16;
    private static final int MIXED_SECONDS = Integer.getInteger("bench.server.mixedSeconds", 20);
    private static final int THROUGHPUT_SECONDS = Integer.getInteger("bench.server.throughputSeconds", 10);
    private static final int ROUNDS = Integer.getInteger("bench.server.rounds", 3);
    private static final int CTE_ROWS = 1_000_000;
    private static final int NOISE_SECONDS = 5;
    private static final long PROBE_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final Pattern PORT = Pattern.compile("port=(\\d+)");

    /** A way to run the server: name, whether Baton is attached, and its arguments. */
    private record Variant(String name, boolean agent, String agentArgs) {
    }

    private static final List<Variant> VARIANTS = List.of(new Variant("without", false, null),
            new Variant("with", true, null), new Variant("pool", true, "offload.mode=pool"));

    @Override
    public Map<String, Object> run() throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        Optional<Jdk> found = Jdk.find(25);
        if (found.isEmpty()) {
            System.out.println("JDK 25 not found (set JAVA25_HOME): server benchmark skipped");
            figures.put("skipped", "no_jdk25");
            return figures;
        }
        figures.put("load_before", loadAverage());
        Path work = Files.createTempDirectory("baton-bench-server");
        Map<String, List<Map<String, Double>>> runs = new LinkedHashMap<>();
        for (int round = 1; round <= ROUNDS; round++) {
            for (Variant variant : VARIANTS) {
                Map<String, Double> run = serve(found.get(), work, variant);
                System.out.printf(Locale.ROOT, "round %d %-8s %s (load %s)%n", round, variant.name(), run,
                        loadAverage());
                runs.computeIfAbsent(variant.name(), k -> new ArrayList<>()).add(run);
            }
        }
        for (Map.Entry<String, List<Map<String, Double>>> variant : runs.entrySet()) {
            for (String key : variant.getValue().get(0).keySet()) {
                double[] values = variant.getValue().stream().mapToDouble(r -> r.get(key)).toArray();
                figures.put(variant.getKey() + "_" + key, format(Stats.median(values)));
            }
        }
        figures.put("load_after", loadAverage());
        return figures;
    }

    private static Map<String, Double> serve(Jdk jdk, Path work, Variant variant) throws Exception {
        ChildJvm child = ChildJvm.on(jdk, work).named("server-" + variant.name())
                .jvmOption("--enable-native-access=ALL-UNNAMED")
                .property("jdk.virtualThreadScheduler.parallelism", 2)
                .classPath(Artifacts.samplesClassPath())
                .main(SERVER, work.resolve("server-" + variant.name() + ".db"), CTE_ROWS);
        if (!variant.agent()) {
            child.withoutAgent();
        } else if (variant.agentArgs() != null) {
            child.agentArgs(variant.agentArgs());
        }
        RunningJvm server = child.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + awaitPort(server) + "/");
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            warmUp(client, base);
            Map<String, Double> figures = new LinkedHashMap<>(probesAlone(client, base));
            figures.putAll(mixed(client, base));
            figures.put("lookups_per_s", throughput(client, base));
            if (!FAILURES.isEmpty()) {
                IllegalStateException failed = new IllegalStateException(variant.name() + ": a client failed");
                FAILURES.forEach(failed::addSuppressed);
                throw failed;
            }
            return figures;
        } finally {
            server.process().getOutputStream().close();
            if (!server.process().waitFor(30, TimeUnit.SECONDS)) {
                server.kill();
            }
        }
    }

    private static int awaitPort(RunningJvm server) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher port = PORT.matcher(server.stdout());
            if (port.find()) {
                return Integer.parseInt(port.group(1));
            }
            if (!server.process().isAlive()) {
                throw new IllegalStateException("server exited: " + server.stdout() + server.stderr());
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("server did not print its port: " + server.stderr());
    }

    private static void warmUp(HttpClient client, URI base) throws Exception {
        get(client, base.resolve("slow"));
        for (int i = 0; i < 500; i++) {
            get(client, base.resolve("lookup?id=" + i));
            get(client, base.resolve("ping"));
        }
    }

    /**
     * The probes with nothing else running: their noise on this machine now (a shared machine's load shows here),
     * to read the mixed figures against.
     */
    private static Map<String, Double> probesAlone(HttpClient client, URI base) throws Exception {
        List<Double> ping = Collections.synchronizedList(new ArrayList<>());
        List<Double> lookup = Collections.synchronizedList(new ArrayList<>());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(NOISE_SECONDS);
        Thread pingProbe = start("noise-ping", () -> probe(client, base, "ping", deadline, ping));
        Thread lookupProbe = start("noise-lookup", () -> probe(client, base, "lookup?id=", deadline, lookup));
        pingProbe.join();
        lookupProbe.join();
        Map<String, Double> figures = new LinkedHashMap<>();
        latencies(figures, "alone_ping", ping);
        latencies(figures, "alone_lookup", lookup);
        figures.keySet().removeIf(k -> !k.endsWith("_p99_ms"));
        return figures;
    }

    /** Slow clients plus the two probes; p50/p99/max of each probe and how many replies each got. */
    private static Map<String, Double> mixed(HttpClient client, URI base) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong slowReplies = new AtomicLong();
        List<Thread> slow = new ArrayList<>();
        for (int i = 0; i < SLOW_CLIENTS; i++) {
            slow.add(start("slow-" + i, () -> {
                while (!stop.get()) {
                    get(client, base.resolve("slow"));
                    slowReplies.incrementAndGet();
                }
            }));
        }
        List<Double> ping = Collections.synchronizedList(new ArrayList<>());
        List<Double> lookup = Collections.synchronizedList(new ArrayList<>());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MIXED_SECONDS);
        Thread pingProbe = start("probe-ping", () -> probe(client, base, "ping", deadline, ping));
        Thread lookupProbe = start("probe-lookup", () -> probe(client, base, "lookup?id=", deadline, lookup));
        pingProbe.join();
        lookupProbe.join();
        stop.set(true);
        for (Thread t : slow) {
            t.join();
        }
        Map<String, Double> figures = new LinkedHashMap<>();
        latencies(figures, "ping", ping);
        latencies(figures, "lookup", lookup);
        figures.put("slow_per_s", slowReplies.get() / (double) MIXED_SECONDS);
        return figures;
    }

    /** Calls every 10 ms (a slot missed while waiting for a reply is skipped) and records each reply's latency. */
    private static void probe(HttpClient client, URI base, String route, long deadline, List<Double> latencies)
            throws Exception {
        long next = System.nanoTime();
        int i = 0;
        while (System.nanoTime() < deadline) {
            long sent = System.nanoTime();
            get(client, base.resolve(route.endsWith("=") ? route + i++ : route));
            latencies.add((System.nanoTime() - sent) / 1e6);
            next += PROBE_PERIOD_NANOS;
            long now = System.nanoTime();
            if (next > now) {
                TimeUnit.NANOSECONDS.sleep(next - now);
            } else {
                next = now;
            }
        }
    }

    /** An empty list means the probe never got a reply: a failed run, never a p99 of 0. */
    private static void latencies(Map<String, Double> figures, String probe, List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalStateException("probe " + probe + " got no reply");
        }
        double[] array = values.stream().mapToDouble(Double::doubleValue).toArray();
        figures.put(probe + "_p50_ms", Stats.percentile(array, 50));
        figures.put(probe + "_p99_ms", Stats.percentile(array, 99));
        figures.put(probe + "_max_ms", Stats.percentile(array, 100));
        figures.put(probe + "_replies", (double) array.length);
    }

    private static double throughput(HttpClient client, URI base) throws Exception {
        AtomicLong replies = new AtomicLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(THROUGHPUT_SECONDS);
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < THROUGHPUT_CLIENTS; i++) {
            clients.add(start("lookups-" + i, () -> {
                while (System.nanoTime() < deadline) {
                    get(client, base.resolve("lookup?id=" + ThreadLocalRandom.current().nextInt(1_000_000)));
                    replies.incrementAndGet();
                }
            }));
        }
        for (Thread t : clients) {
            t.join();
        }
        return replies.get() / (double) THROUGHPUT_SECONDS;
    }

    private static void get(HttpClient client, URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(uri + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    private interface Task {
        void run() throws Exception;
    }

    /** Failures of client threads: any one fails the benchmark, so no figure comes from a partial run. */
    private static final List<Throwable> FAILURES = Collections.synchronizedList(new ArrayList<>());

    private static Thread start(String name, Task task) {
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } catch (Exception e) {
                FAILURES.add(new IllegalStateException(name + " failed", e));
            }
        }, name);
        thread.start();
        return thread;
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + "/" + fields[1] + "/" + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
