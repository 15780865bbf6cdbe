package dev.baton.lock.postgres;

import java.util.ArrayList;

import java.util.List;

import dev.baton.lock.ChildJvm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.baton.config.BatonConfig;
import dev.baton.lock.LockBackends;
import dev.baton.lock.LockHandle;
import dev.baton.lock.LockService;
import dev.baton.lock.TimeoutPolicy;
import dev.baton.log.LogLevel;

/**
 * A child JVM for the PostgreSQL cross-process tests and the benchmark. Arguments: BACKEND URL LOCKDIR MODE ARGS...
 * (URL is ignored for the file backend). The lock service is built from configuration, as in the agent. Modes:
 * <ul>
 * <li>{@code count FILE N}: N times, under the lock, reads a number from FILE and writes it back plus one.</li>
 * <li>{@code hold SCOPE KEY}: takes the lock, prints {@code HELD <generation>}, then obeys stdin lines {@code done},
 * {@code release} (prints {@code RELEASED}) and {@code exit}.</li>
 * <li>{@code wait SCOPE KEY}: prints {@code WAITING}, takes the lock, prints
 * {@code ACQUIRED <nanoTime> <peerCompletedWhileWaiting> <generation>}, releases, exits.</li>
 * <li>{@code handoff}: see {@link PostgresLockBenchmark}.</li>
 * </ul>
 */
public final class PgChild {
    /** A child on {@code backend} ("file" or "postgres") with its own lock directory. */
    static ChildJvm launch(String backend, String url, Path lockDir, String... modeAndArgs)
            throws IOException {
        List<String> args = new ArrayList<>(List.of(backend, url, lockDir.toString()));
        args.addAll(List.of(modeAndArgs));
        return ChildJvm.launch(PgChild.class, List.of(), args);
    }

    static final String SCOPE = "test";

    public static void main(String[] args) throws Throwable {
        LogLevel.set("warn"); // Hundreds of "waiting for" lines from the counting mode would swamp the test log.
        try (LockService locks = service(args[0], args[1], Path.of(args[2]))) {
            switch (args[3]) {
                case "count" -> count(locks, Path.of(args[4]), Integer.parseInt(args[5]));
                case "hold" -> hold(locks, args[4], args[5]);
                case "wait" -> waitFor(locks, args[4], args[5]);
                case "handoff" -> PostgresLockBenchmark.handoffChild(locks);
                default -> throw new IllegalArgumentException(args[3]);
            }
        }
    }

    static LockService service(String backend, String url, Path lockDir) throws Exception {
        String agentArgs = "lock.backend=" + backend + ",lock.dir=" + lockDir + ",lock.timeout=0"
                + (backend.equals("postgres") ? ",lock.postgres.url=" + url + ",lock.postgres.user="
                        + PostgresServer.USER : "");
        return LockBackends.service(BatonConfig.load(agentArgs, Map.of(), Map.of()));
    }

    private static void count(LockService locks, Path counter, int times) throws Exception {
        for (int i = 0; i < times; i++) {
            try (LockHandle lock = locks.acquire(SCOPE, "counter", "count", TimeoutPolicy.FAIL)) {
                String text = Files.exists(counter) ? Files.readString(counter).trim() : "";
                long value = text.isEmpty() ? 0 : Long.parseLong(text);
                Files.writeString(counter, Long.toString(value + 1));
            }
        }
        System.out.println("COUNTED");
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
