package dev.baton.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for tests: Debian's binaries, a fresh cluster in a temp directory of its own, listening
 * on 127.0.0.1 only on a free port, trust authentication for one user. PostgreSQL refuses to run as root, so as
 * root the server runs as the "postgres" user (runuser). Skips the test visibly when no PostgreSQL is installed.
 * Shared by the agent's and the integration tests (the agent's test jar carries this package).
 *
 * <p>A test can also make it vanish as a lock server can: {@link #stopNow()} (a crash: sockets close) and
 * {@link #startAgain()}, or {@link #freeze()} (SIGSTOP of every server process: connections stay open and nothing
 * answers, as with a hung host or a cut network) and {@link #thaw()}.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String USER = "baton";

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;

    private PostgresServer(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    public static PostgresServer start() throws IOException, InterruptedException {
        Optional<Path> bin = findBinaries();
        Assumptions.assumeTrue(bin.isPresent(), "PostgreSQL server binaries not found (apt-get install postgresql)");
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("baton-pg");
        if (root) {
            run(List.of("chown", "postgres", dir.toString()), false);
        }
        PostgresServer server = new PostgresServer(bin.get(), dir, freePort(), root);
        server.run(List.of(bin.get().resolve("initdb").toString(), "-D", server.data().toString(), "-A",
                "trust", "-U", USER, "--no-sync", "-E", "UTF8"));
        server.startAgain();
        return server;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Starts the stopped server again, on the same port with the same data. */
    public void startAgain() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-w", "-t", "60", "-l",
                dir.resolve("server.log").toString(), "-o", "-p " + port + " -h 127.0.0.1 -k " + dir
                        + " -c fsync=off", "start"));
    }

    /** Stops at once, like a crash: every session's socket closes. */
    public void stopNow() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "stop"));
    }

    /** Stops every server process (SIGSTOP): sessions stay connected, nothing answers. Undo with {@link #thaw()}. */
    public void freeze() throws IOException, InterruptedException {
        signalAll("-STOP");
    }

    public void thaw() throws IOException, InterruptedException {
        signalAll("-CONT");
    }

    /**
     * The postmaster first, so it starts no process meanwhile, then its children; a child that ended meanwhile (a
     * session closing) is no failure.
     */
    private void signalAll(String signal) throws IOException, InterruptedException {
        long postmaster = Long.parseLong(Files.readAllLines(data().resolve("postmaster.pid")).get(0).trim());
        List<ProcessHandle> processes = new ArrayList<>(List.of(ProcessHandle.of(postmaster).orElseThrow(
                () -> new IOException("the PostgreSQL server " + postmaster + " is not running"))));
        processes.get(0).children().forEach(processes::add);
        for (ProcessHandle process : processes) {
            try {
                run(List.of("kill", signal, Long.toString(process.pid())), false);
            } catch (IOException e) {
                if (process.isAlive()) {
                    throw e;
                }
            }
        }
    }

    /** Stops at once and throws the cluster away. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            thaw();
        } catch (IOException | RuntimeException notRunning) {
            // Stopped already, or never frozen.
        }
        try {
            stopNow();
        } catch (IOException notRunning) {
            // A test stopped it.
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private Path data() {
        return dir.resolve("data");
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        run(command, asPostgresUser);
    }

    private static void run(List<String> command, boolean asPostgresUser) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", full) + " failed:\n" + output);
        }
    }

    private static Optional<Path> findBinaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.naturalOrder());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
