package dev.baton.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rendezvous inside installs: each installer that reaches the gate leaves an arrival file in a directory and waits
 * there until the test opens the gate. Without Baton a test holds every installer inside its critical section at
 * once, so the race is certain; with Baton it holds the first installer there while checking that all others wait
 * for its lock. Installers find the directory in the environment variable {@link #ENV}.
 */
public final class InstallGate {
    public static final String ENV = "INSTALL_GATE_DIR";
    /** An installer that finds the gate still closed after this long gives up (exit 1), so no test hangs. */
    private static final int GIVE_UP_SECONDS = 240;

    private final Path dir;

    public InstallGate(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    public Path dir() {
        return dir;
    }

    /** Installers that have reached the gate so far. */
    public long arrivals() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("arrived-")).count();
        }
    }

    public void open() throws IOException {
        Files.createFile(dir.resolve("open"));
    }

    /** The gate as a Node.js script, for an npm package's {@code preinstall} lifecycle script. */
    public static String nodeScript() {
        return """
                const fs = require('fs'), path = require('path');
                const dir = process.env.%s;
                if (dir) {
                  fs.writeFileSync(path.join(dir, 'arrived-' + process.env.npm_package_name + '-' + process.pid), '');
                  const giveUp = Date.now() + %d * 1000;
                  const poll = setInterval(() => {
                    if (fs.existsSync(path.join(dir, 'open'))) clearInterval(poll);
                    else if (Date.now() > giveUp) { console.error('install gate never opened'); process.exit(1); }
                  }, 20);
                }
                """.formatted(ENV, GIVE_UP_SECONDS);
    }

    /**
     * A stand-in installer program named {@code name} in {@code binDir}, for baton.install.commands: it arrives at
     * the gate, waits until it opens, appends its pid to {@code gate-installs.log} in its working directory and
     * exits 0.
     */
    public static Path shellInstaller(Path binDir, String name) throws IOException {
        Path program = Files.createDirectories(binDir).resolve(name);
        Files.writeString(program, """
                #!/bin/sh
                touch "$%1$s/arrived-$(basename "$0")-$$"
                polls=0
                while [ ! -e "$%1$s/open" ]; do
                  polls=$((polls + 1))
                  if [ $polls -gt %2$d ]; then echo "install gate never opened" >&2; exit 1; fi
                  sleep 0.05
                done
                echo $$ >> gate-installs.log
                """.formatted(ENV, GIVE_UP_SECONDS * 20));
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        return program;
    }

    /**
     * The holder's installer reaches this gate; the contender's installer, started then, must say it waits for the
     * install lock; then the gate opens and both JVMs exit 0. The gate is opened whatever happens, so a failed
     * assertion never leaves an installer hanging. Returns how the contender ended.
     */
    public RunningJvm.Result holderThenWaitingContender(ChildJvm holderJvm, ChildJvm contenderJvm, String contenderLabel,
            Duration promptly, int holderExitSeconds) throws Exception {
        RunningJvm holder = holderJvm.start();
        RunningJvm.Result contended;
        try {
            await().atMost(promptly).until(() -> arrivals() == 1 || !holder.process().isAlive());
            assertEquals(1, arrivals(), "the holder's installer is inside its install\n" + holder.stderr());
            RunningJvm contender = contenderJvm.start();
            await().atMost(promptly).until(() -> LockWaits.waited(contender, "install")
                    || !contender.process().isAlive());
            assertTrue(LockWaits.waited(contender, "install"), contenderLabel + " did not wait for the holder's"
                    + " install lock:\n" + contender.stdout() + contender.stderr());
            open();
            contended = contender.awaitExit(180);
            assertEquals(0, contended.exitCode(), contended.toString());
        } finally {
            if (arrivals() > 0 && !Files.exists(dir().resolve("open"))) {
                open();
            }
        }
        RunningJvm.Result held = holder.awaitExit(holderExitSeconds);
        assertEquals(0, held.exitCode(), held.toString());
        return contended;
    }
}
