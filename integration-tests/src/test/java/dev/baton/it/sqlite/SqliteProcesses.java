package dev.baton.it.sqlite;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.RunningJvm;
import dev.baton.it.harness.RunningJvm.Result;

/**
 * Several processes of one SQLite sample program (DB-FILE NAME THREADS OPERATIONS [URL-PARAMETERS]) on one database
 * file, started together and set off at the same moment (see the samples' StartSignal), with or without Baton.
 * Shared by the SQLite tests and the benchmark.
 */
public final class SqliteProcesses {
    private final Jdk jdk;
    private final Path work;
    private final Path db;
    private boolean withAgent = true;
    private java.util.Set<Integer> withoutAgent = java.util.Set.of();
    private String agentArgs;
    private String urlParameters = "";
    private Path firstRecording;
    private String threads;
    private List<String> moreArguments = List.of();

    private SqliteProcesses(Jdk jdk, Path work, Path db) {
        this.jdk = jdk;
        this.work = work;
        this.db = db;
    }

    public static SqliteProcesses on(Jdk jdk, Path work, Path db) {
        return new SqliteProcesses(jdk, work, db);
    }

    public SqliteProcesses agent(boolean on) {
        this.withAgent = on;
        return this;
    }

    /** These processes (0-based) run without Baton, the others with. */
    public SqliteProcesses withoutAgentIn(Integer... processes) {
        this.withoutAgent = java.util.Set.of(processes);
        return this;
    }

    public SqliteProcesses agentArgs(String args) {
        this.agentArgs = args;
        return this;
    }

    /** Appended to the programs' JDBC URL (the same settings with and without Baton). */
    public SqliteProcesses urlParameters(String parameters) {
        this.urlParameters = parameters;
        return this;
    }

    /** The THREADS argument as the program takes it, e.g. {@code v16} (virtual threads); default: the count. */
    public SqliteProcesses threads(String argument) {
        this.threads = argument;
        return this;
    }

    /** Program arguments after URL-PARAMETERS (e.g. the mixed workload's read-only percentage and "retry"). */
    public SqliteProcesses moreArguments(String... arguments) {
        this.moreArguments = List.of(arguments);
        return this;
    }

    /** A JFR recording of the first process. */
    public SqliteProcesses recordFirstTo(Path recording) {
        this.firstRecording = recording;
        return this;
    }

    /** Starts {@code processes} copies of {@code mainClass} at once and waits for all; each must exit 0. */
    public List<Result> run(String mainClass, int processes, int threads, int operations) throws Exception {
        List<RunningJvm> running = new ArrayList<>();
        for (int p = 0; p < processes; p++) {
            List<Object> arguments = new ArrayList<>(List.of(db, "p" + p,
                    this.threads != null ? this.threads : threads, operations, urlParameters));
            arguments.addAll(moreArguments);
            ChildJvm child = ChildJvm.on(jdk, work).named("worker" + p).classPath(Artifacts.samplesClassPath())
                    .main(mainClass, arguments.toArray());
            if (p == 0 && firstRecording != null) {
                child.recordTo(firstRecording);
            }
            if (!withAgent || withoutAgent.contains(p)) {
                child.withoutAgent();
            } else if (agentArgs != null) {
                child.agentArgs(agentArgs);
            }
            child.property("samples.startSignal", "stdin");
            running.add(child.start());
        }
        startTogether(running);
        List<Result> results = new ArrayList<>();
        for (RunningJvm jvm : running) {
            Result result = jvm.awaitExit(600);
            results.add(result);
            assertEquals(0, result.exitCode(), result.toString());
        }
        return results;
    }

    /**
     * Lets every process begin its work at once, when all are set up: JVMs started together on a busy machine get
     * going seconds apart, and a process could otherwise be done before the last one begins.
     */
    private static void startTogether(List<RunningJvm> running) throws IOException {
        for (RunningJvm jvm : running) {
            await().atMost(Duration.ofSeconds(300)).until(() -> {
                if (!jvm.process().isAlive()) {
                    throw new AssertionError(jvm.awaitExit(1).toString());
                }
                return jvm.stdout().lines().anyMatch("ready"::equals);
            });
        }
        for (RunningJvm jvm : running) {
            OutputStream stdin = jvm.process().getOutputStream();
            stdin.write("go\n".getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        }
    }
}
