package dev.baton.lock;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A child JVM for the cross-process tests and the benchmark. Modes:
 * <ul>
 * <li>{@code count DIR FILE N}: N times, under the lock, reads a number from FILE and writes it back plus one.</li>
 * <li>{@code count-placed DIR FILE N}: the same with the key's lock placed beside FILE, which is closed (and its
 * lock file removed when nobody else has it open) after every increment.</li>
 * <li>{@code hold DIR SCOPE KEY}: takes the lock, prints {@code HELD <generation>}, then obeys stdin lines
 * {@code done} (mark done), {@code release} (prints {@code RELEASED}) and {@code exit}.</li>
 * <li>{@code hold-many DIR SCOPE N}: takes keys {@code key-0} to {@code key-(N-1)}, prints {@code HELD}, then waits
 * for {@code exit} (or its end of stdin) and exits, which releases them all.</li>
 * <li>{@code virtual-waiters DIR N}: see {@link VirtualThreadLockTest}.</li>
 * <li>{@code handoff DIR}: for the benchmark, see {@link LockBenchmark}.</li>
 * </ul>
 */
public final class LockChild {
    static final String SCOPE = "test";

    public static void main(String[] args) throws Throwable {
        Path dir = Path.of(args[1]);
        try (LockService locks = LockService.files(dir, Duration.ZERO)) {
            switch (args[0]) {
                case "count" -> count(locks, Path.of(args[2]), Integer.parseInt(args[3]), false);
                case "count-placed" -> count(locks, Path.of(args[2]), Integer.parseInt(args[3]), true);
                case "hold" -> hold(locks, args[2], args[3]);
                case "hold-many" -> holdMany(locks, args[2], Integer.parseInt(args[3]));
                case "virtual-waiters" -> VirtualThreadLockTest.waitOnVirtualThreads(locks,
                        Integer.parseInt(args[2]));
                case "handoff" -> LockBenchmark.handoffChild(locks);
                default -> throw new IllegalArgumentException(args[0]);
            }
        }
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
}
