package dev.baton.lock.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.lock.ChildJvm;
import dev.baton.lock.KeyLock;
import dev.baton.lock.LockId;

/**
 * Two processes that close one lock file at the same moment: the last one to close must remove it. With "check
 * whether others have it open, then close" each could see the other still there and both leave the file (CI met
 * that: a lock file left beside a download after two processes shared it). Each round opens a fresh key in both
 * children, then tells both to close at once.
 */
class LockFileRemovalRaceTest {
    private static final int ROUNDS = 400;

    @TempDir
    Path temp;

    @Test
    void twoProcessesClosingTogetherLeaveNoLockFile() throws Exception {
        Path placement = Files.createDirectories(temp.resolve("cache"));
        try (ChildJvm a = child(placement, "a"); ChildJvm b = child(placement, "b")) {
            for (int round = 0; round < ROUNDS; round++) {
                a.send("open " + round);
                b.send("open " + round);
                a.awaitLine("OPENED");
                b.awaitLine("OPENED");
                a.send("close");
                b.send("close");
                a.awaitLine("CLOSED");
                b.awaitLine("CLOSED");
            }
            a.send("exit");
            b.send("exit");
            assertEquals(0, a.awaitExit());
            assertEquals(0, b.awaitExit());
        }
        try (Stream<Path> left = Files.list(placement)) {
            List<String> names = left.map(p -> p.getFileName().toString()).toList();
            assertEquals(List.of(), names, "lock files left after both processes closed them");
        }
    }

    private ChildJvm child(Path placement, String name) throws Exception {
        return ChildJvm.launch(LockFileRemovalRaceTest.class, List.of(),
                List.of(temp.resolve("locks-" + name).toString(), placement.toString()));
    }

    /** The child: {@code open N} opens key N placed in the shared directory, {@code close} closes it. */
    public static void main(String[] args) throws Exception {
        Path placement = Path.of(args[1]);
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (FileLockBackend backend = FileLockBackend.open(Path.of(args[0]))) {
            KeyLock open = null;
            for (String line = commands.readLine(); line != null && !line.equals("exit");
                    line = commands.readLine()) {
                if (line.startsWith("open ")) {
                    open = backend.open(LockId.placed("race", "key-" + line.substring(5), placement));
                    System.out.println("OPENED");
                } else {
                    open.close();
                    System.out.println("CLOSED");
                }
                System.out.flush();
            }
        }
    }
}
