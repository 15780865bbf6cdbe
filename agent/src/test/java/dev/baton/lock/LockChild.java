package dev.baton.lock;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.baton.config.BatonConfig;
import dev.baton.log.LogLevel;

/**
 * A child JVM for the cross-process tests and the benchmark, on any backend: {@code MODE CONFIG ARGS...}. CONFIG is
 * agent arguments ({@code lock.backend=postgres,lock.postgres.url=...}, see {@link BackendFixture#config}) or, for
 * the file backend, just its lock directory; the service is built from it as in the agent. Modes:
 * <ul>
 * <li>{@code count FILE N}: N times, under the lock, reads a number from FILE and writes it back plus one;
 * {@code count-placed} the same with the lock placed beside FILE.</li>
 * <li>{@code hold SCOPE KEY}: takes the lock, prints {@code HELD <generation>}, then obeys stdin lines
 * {@code done} (mark done), {@code release} (prints {@code RELEASED}) and {@code exit}.</li>
 * <li>{@code wait SCOPE KEY}: prints {@code WAITING}, takes the lock, prints
 * {@code ACQUIRED <nanoTime> <peerCompletedWhileWaiting> <generation>}, releases, exits.</li>
 * <li>{@code hold-many SCOPE N}: takes keys {@code key-0} to {@code key-(N-1)}, prints {@code HELD}, then waits
 * for {@code exit} (or its end of stdin) and exits, which releases them all.</li>
 * <li>{@code virtual-waiters N}: see {@link VirtualThreadLockTest}.</li>
 * <li>{@code handoff}: for the benchmark, see {@link LockBenchmark}.</li>
 * </ul>
 */
public final class LockChild {
    static final String SCOPE = "test";

    /** A child on the backend {@code config} describes (agent arguments, or a lock directory). */
    static ChildJvm start(String mode, String config, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(mode, config));
        all.addAll(List.of(args));
        return ChildJvm.launch(LockChild.class, List.of(), all);
    }

    public static void main(String[] args) throws Throwable {
        LogLevel.set("warn"); // Hundreds of "waiting for" lines from the counting mode would swamp the test log.
        try (LockService locks = service(args[1])) {
            switch (args[0]) {
                case "count" -> count(locks, Path.of(args[2]), Integer.parseInt(args[3]), false);
                case "count-placed" -> count(locks, Path.of(args[2]), Integer.parseInt(args[3]), true);
                case "hold" -> hold(locks, args[2], args[3]);
                case "wait" -> waitFor(locks, args[2], args[3]);
                case "hold-many" -> holdMany(locks, args[2], Integer.parseInt(args[3]));
                case "virtual-waiters" -> VirtualThreadLockTest.waitOnVirtualThreads(locks,
                        Integer.parseInt(args[2]));
                case "handoff" -> LockBenchmark.handoffChild(locks);
                default -> throw new IllegalArgumentException(args[0]);
            }
        }
    }

    /** The lock service a process configured with {@code config} uses, built as the agent builds it. */
    public static LockService service(String config) throws IOException {
        String agentArgs = config.contains("=") ? config : "lock.backend=file,lock.dir=" + config;
        return LockBackends.service(BatonConfig.load(agentArgs + ",lock.timeout=0", Map.of(), Map.of()));
    }

    private static void count(LockService locks, Path counter, int times, boolean placed) throws Exception {
        LockId id = placed ? LockId.placed(SCOPE, "counter", counter.toAbsolutePath().getParent())
                : LockId.of(SCOPE, "counter");
        for (int i = 0; i < times; i++) {
            try (LockHandle lock = locks.acquire(id, "count", null, TimeoutPolicy.FAIL)) {
                String text = Files.exists(counter) ? Files.readString(counter).trim() : "";
                long value = text.isEmpty() ? 0 : Long.parseLong(text);
                Files.writeString(counter, Long.toString(value + 1));
            }
        }
        System.out.println("COUNTED");
    }

    private static void holdMany(LockService locks, String scope, int keys) throws Exception {
        for (int i = 0; i < keys; i++) {
            locks.acquire(scope, "key-" + i, "hold", TimeoutPolicy.FAIL);
        }
        System.out.println("HELD");
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = commands.readLine(); line != null && !line.equals("exit"); line = commands.readLine()) {
            // Only "exit" matters.
        }
        System.exit(0); // Held locks go with the process, as they would in a crash.
    }

    private static void hold(LockService locks, String scope, String key) throws Exception {
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        LockHandle lock = locks.acquire(scope, key, "hold", TimeoutPolicy.FAIL);
        System.out.println("HELD " + lock.generation());
        System.out.flush();
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            switch (line.trim()) {
                case "done" -> lock.markDone();
                case "release" -> {
                    lock.close();
                    System.out.println("RELEASED");
                    System.out.flush();
                }
                case "exit" -> {
                    return;
                }
                default -> throw new IllegalArgumentException(line);
            }
        }
    }

    private static void waitFor(LockService locks, String scope, String key) throws Exception {
        System.out.println("WAITING");
        System.out.flush();
        try (LockHandle lock = locks.acquire(scope, key, "wait", TimeoutPolicy.FAIL)) {
            System.out.println("ACQUIRED " + System.nanoTime() + " " + lock.peerCompletedWhileWaiting() + " "
                    + lock.generation());
            System.out.flush();
        }
    }
}
