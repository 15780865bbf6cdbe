package dev.baton.samples.vthreads;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A legacy service on virtual threads: a heartbeat ticks every 5 ms while workers run slow SQLite reports
 * (sqlite-jdbc, a JNI driver). Each worker pins its carrier thread for the whole query, so with as many slow queries
 * as carriers the heartbeat stops for seconds. Before that, the heartbeat runs for 2 s next to as many busy platform
 * threads as workers: its lateness then ("noise") is what competing for the CPU alone costs it. Needs Java 21+
 * (virtual threads); compiled for 17 and reaches the virtual-thread API reflectively.
 *
 * <pre>
 *   heartbeat DB_FILE [WORKERS=8] [SECONDS=5] [CTE_ROWS=1500000]   heartbeat lateness and query throughput
 *   lookups   DB_FILE [COUNT=20000]                                 point lookups from one virtual thread
 *   throughput DB_FILE [CLIENTS=16] [SECONDS=5]                     point lookups from many virtual threads
 * </pre>
 * Prints "key=value" lines.
 */
public final class SlowQueriesHeartbeat {
    private static final long TICK_NANOS = 5_000_000L;
    /** Seconds of the heartbeat alone with busy platform threads, before the slow queries start. */
    private static final int NOISE_SECONDS = 2;

    private SlowQueriesHeartbeat() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: heartbeat|lookups DB_FILE [...]");
            System.exit(2);
        }
        String url = "jdbc:sqlite:" + Path.of(args[1]).toAbsolutePath();
        if (args[0].equals("heartbeat")) {
            heartbeat(url, intArg(args, 2, 8), intArg(args, 3, 5), intArg(args, 4, 1_500_000));
        } else if (args[0].equals("lookups")) {
            lookups(url, intArg(args, 2, 20_000));
        } else if (args[0].equals("throughput")) {
            throughput(url, intArg(args, 2, 16), intArg(args, 3, 5));
        } else {
            System.err.println("unknown mode " + args[0]);
            System.exit(2);
        }
    }

    private static void heartbeat(String url, int workers, int seconds, int cteRows) throws Exception {
        // Noise first: the heartbeat's lateness when as many platform threads keep the CPUs busy as there will be
        // slow queries, so the same competition for CPU time, but no carrier is pinned.
        List<Double> noise = withBusyPlatformThreads(workers, () -> ticks(NOISE_SECONDS));
        long cpuAtStart = processCpuNanos();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong queries = new AtomicLong();
        AtomicLong allQueries = new AtomicLong();
        List<Double> queryMillis = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i <= workers; i++) {
            threads.add(virtualThread("slow-query-" + i,
                    () -> slowQueries(url, cteRows, deadline, queries, allQueries, queryMillis)));
        }
        List<Double> lateness = Collections.synchronizedList(new ArrayList<>());
        Thread heartbeat = virtualThread("heartbeat", () -> tick(deadline, lateness));
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        heartbeat.start();
        for (Thread t : threads) {
            t.join();
        }
        heartbeat.join();
        double elapsed = Math.min(System.nanoTime() - start, deadline - start) / 1e9;
        List<Double> sorted = sorted(lateness);
        List<Double> noiseSorted = sorted(noise);
        if (sorted.isEmpty() || noiseSorted.isEmpty()) {
            // A p99 of an empty list would print 0: the best figure possible, for a heartbeat that never ran.
            System.err.println("no heartbeat tick recorded (noise ticks " + noiseSorted.size() + ", ticks "
                    + sorted.size() + ")");
            System.exit(3);
        }
        System.out.println("noise_ticks=" + noiseSorted.size());
        System.out.println("noise_p99_ms=" + format(percentile(noiseSorted, 99)));
        System.out.println("noise_max_ms=" + format(noiseSorted.get(noiseSorted.size() - 1)));
        System.out.println("ticks=" + sorted.size());
        System.out.println("lateness_p50_ms=" + format(percentile(sorted, 50)));
        System.out.println("lateness_p99_ms=" + format(percentile(sorted, 99)));
        System.out.println("lateness_max_ms=" + format(sorted.get(sorted.size() - 1)));
        System.out.println("queries=" + queries.get());
        System.out.println("queries_per_s=" + format(queries.get() / elapsed));
        List<Double> querySorted = sorted(queryMillis);
        if (!querySorted.isEmpty()) {
            System.out.println("query_p50_ms=" + format(percentile(querySorted, 50)));
        }
        // CPU per query, the queries that finished after the window included: how much work a query costs, whatever
        // share of the machine this process got.
        long cpu = processCpuNanos() - cpuAtStart;
        if (cpu > 0 && allQueries.get() > 0) {
            System.out.println("cpu_ms_per_query=" + format(cpu / 1e6 / allQueries.get()));
        }
    }

    /** Heartbeat lateness for the given seconds. */
    private static List<Double> ticks(int seconds) throws InterruptedException {
        List<Double> lateness = Collections.synchronizedList(new ArrayList<>());
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        Thread heartbeat;
        try {
            heartbeat = virtualThread("heartbeat-noise", () -> tick(deadline, lateness));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        heartbeat.start();
        heartbeat.join();
        return lateness;
    }

    /** Runs the task while {@code threads} platform threads spin, then stops them. */
    private static List<Double> withBusyPlatformThreads(int threads, NoiseRun task) throws InterruptedException {
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        List<Thread> busy = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                long x = 0;
                while (!stop.get()) {
                    x += System.nanoTime() & 1;
                }
                if (x == 42) {
                    System.out.print("");
                }
            }, "busy-" + i);
            t.setDaemon(true);
            t.start();
            busy.add(t);
        }
        try {
            return task.run();
        } finally {
            stop.set(true);
            for (Thread t : busy) {
                t.join();
            }
        }
    }

    private interface NoiseRun {
        List<Double> run() throws InterruptedException;
    }

    private static List<Double> sorted(List<Double> values) {
        List<Double> sorted;
        synchronized (values) {
            sorted = new ArrayList<>(values);
        }
        Collections.sort(sorted);
        return sorted;
    }

    /** Sleeps 5 ms at a time and records how much later than asked it woke up. */
    private static void tick(long deadline, List<Double> lateness) {
        try {
            while (System.nanoTime() < deadline) {
                long before = System.nanoTime();
                Thread.sleep(5);
                lateness.add(Math.max(0, System.nanoTime() - before - TICK_NANOS) / 1e6);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void slowQueries(String url, int cteRows, long deadline, AtomicLong queries,
            AtomicLong allQueries, List<Double> queryMillis) {
        String sql = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < " + cteRows
                + ") SELECT sum(x) FROM c";
        try (Connection connection = DriverManager.getConnection(url); Statement statement =
                connection.createStatement()) {
            while (System.nanoTime() < deadline) {
                long started = System.nanoTime();
                try (ResultSet rs = statement.executeQuery(sql)) {
                    rs.next();
                    rs.getLong(1);
                }
                queryMillis.add((System.nanoTime() - started) / 1e6);
                allQueries.incrementAndGet();
                if (System.nanoTime() < deadline) {
                    // Only queries that finished in the window count, so the tail does not skew the rate.
                    queries.incrementAndGet();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void lookups(String url, int count) throws Exception {
        fillLookupTable(url);
        try (Connection connection = DriverManager.getConnection(url)) {
            long[] nanos = new long[1];
            long[] cpuNanos = new long[1];
            Thread lookup = virtualThread("lookup", () -> {
                try (PreparedStatement query = connection.prepareStatement("SELECT v FROM kv WHERE k = ?")) {
                    lookupRun(query, count); // warm-up
                    long cpuStart = processCpuNanos();
                    long start = System.nanoTime();
                    lookupRun(query, count);
                    nanos[0] = System.nanoTime() - start;
                    cpuNanos[0] = processCpuNanos() - cpuStart;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            lookup.start();
            lookup.join();
            System.out.println("lookups=" + count);
            System.out.println("lookup_us=" + format(nanos[0] / 1e3 / count));
            // The process's CPU time, Baton's own threads included: on a shared machine steadier than the wall clock.
            System.out.println("lookup_cpu_us=" + format(cpuNanos[0] / 1e3 / count));
        }
    }

    /** Clients, each a virtual thread with its own connection, loop on point lookups; prints lookups per second. */
    private static void throughput(String url, int clients, int seconds) throws Exception {
        fillLookupTable(url);
        AtomicLong lookups = new AtomicLong();
        // Warm-up, then the measured window: both with every client running.
        long warmUpEnd = System.nanoTime() + 1_000_000_000L;
        long end = warmUpEnd + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i <= clients; i++) {
            threads.add(virtualThread("client-" + i, () -> {
                try (Connection connection = DriverManager.getConnection(url);
                        PreparedStatement query = connection.prepareStatement("SELECT v FROM kv WHERE k = ?")) {
                    for (int k = 0; System.nanoTime() < end; k++) {
                        query.setInt(1, 1 + k % 10_000);
                        try (ResultSet rs = query.executeQuery()) {
                            while (rs.next()) {
                                rs.getString(1);
                            }
                        }
                        long now = System.nanoTime();
                        if (now >= warmUpEnd && now < end) {
                            lookups.incrementAndGet();
                        }
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        System.out.println("clients=" + clients);
        System.out.println("lookups_per_s=" + format(lookups.get() / (double) seconds));
    }

    private static void fillLookupTable(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement =
                connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE IF NOT EXISTS kv (k INTEGER PRIMARY KEY, v TEXT)");
            statement.executeUpdate("DELETE FROM kv");
            statement.executeUpdate("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10000)"
                    + " INSERT INTO kv SELECT x, 'value ' || x FROM c");
        }
    }

    private static void lookupRun(PreparedStatement query, int count) throws SQLException {
        for (int i = 0; i < count; i++) {
            query.setInt(1, 1 + i % 10_000);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    rs.getString(1);
                }
            }
        }
    }

    /** Thread.ofVirtual().name(name).unstarted(task), through reflection: this program is compiled for Java 17. */
    private static Thread virtualThread(String name, Runnable task) throws ReflectiveOperationException {
        // Through the public interface Thread.Builder: the builder's class itself is not accessible.
        Class<?> builderType = Class.forName("java.lang.Thread$Builder");
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        builder = builderType.getMethod("name", String.class).invoke(builder, name);
        ThreadFactory factory = (ThreadFactory) builderType.getMethod("factory").invoke(builder);
        return factory.newThread(task);
    }

    /** CPU time of the whole process, or -1 where the JVM does not say. */
    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() : -1;
    }

    private static double percentile(List<Double> sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    private static int intArg(String[] args, int index, int otherwise) {
        return args.length > index ? Integer.parseInt(args[index]) : otherwise;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
