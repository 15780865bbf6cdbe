package dev.baton.it.sqlite;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.apps.SqliteWriterProbe;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.RunningJvm;
import dev.baton.it.harness.RunningJvm.Result;

/**
 * The application's busy policy wins over Baton's, whenever and however the application set it, with the driver's
 * own API: a writer meets a database whose write lock (and Baton's queue) another Baton process holds, and must
 * give up as its own policy says. Before this was fixed, Baton waited 5 s in its gate and retried for 30 s more, so a
 * 10 ms fail-fast took 30-35 s. No clock is read here: the writer runs with Baton's own defaults made endless (its
 * busy timeout for connections and its retry deadline both an hour), so a Baton that waited by anything but the
 * application's policy would never let the writer finish; and Baton's give-up line must name the timeout the
 * application set as the one it waited by. A busy handler that gives up after 3 calls must see exactly 3 calls:
 * Baton never retries around it (its count would restart).
 *
 * <p>When a writer gives up, the application gets the driver's exception unchanged, and Baton logs one line naming
 * the database, the wait and the process holding the queue.
 */
class SqliteBusyPolicyTest {
    /** Baton's own waits made endless: only the application's policy can end the writer's wait. */
    private static final String ENDLESS_BATON_DEFAULTS = "sqlite.busyTimeout=1h,sqlite.retry.deadline=1h";

    @TempDir
    Path work;

    private Jdk jdk;
    private Path db;
    private RunningJvm holder;

    @BeforeEach
    void holdTheDatabase() throws Exception {
        jdk = Jdk.target();
        Assumptions.assumeTrue(jdk.feature() == 17, "JDK-independent: JDK 17 leg only");
        db = work.resolve("held.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement statement = connection.createStatement()) {
            statement.execute(SqliteWriterProbe.SCHEMA);
        }
        holder = probe(true, "hold", "holder").start();
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            if (!holder.process().isAlive()) {
                throw new AssertionError(holder.awaitExit(1).toString());
            }
            return holder.stdout().contains("holding");
        });
    }

    @AfterEach
    void release() throws Exception {
        if (holder == null) {
            return;
        }
        OutputStream stdin = holder.process().getOutputStream();
        stdin.write("go\n".getBytes(StandardCharsets.UTF_8));
        stdin.flush();
        assertEquals(0, holder.awaitExit(120).exitCode());
    }

    private ChildJvm probe(boolean agent, String... arguments) {
        return SqliteProbe.child(jdk, work, SqliteWriterProbe.class, agent, withDb(arguments));
    }

    private Object[] withDb(String... arguments) {
        Object[] all = new Object[arguments.length + 1];
        all[0] = arguments[0];
        all[1] = db;
        System.arraycopy(arguments, 1, all, 2, arguments.length - 1);
        return all;
    }

    private Result write(boolean agent, String policy) throws Exception {
        return write(agent, policy, null);
    }

    private Result write(boolean agent, String policy, String agentArgs) throws Exception {
        ChildJvm writer = probe(agent, "write", "writer", policy);
        if (agentArgs != null) {
            writer.agentArgs(agentArgs);
        }
        Result result = writer.run(120);
        assertEquals(0, result.exitCode(), result.toString());
        assertTrue(result.stdout().contains("failed class=org.sqlite.SQLiteException code=5 "), result.toString());
        return result;
    }

    /** Baton's give-up line must say it waited by the application's timeout. */
    private static void gaveUpBy(Result result, int busyTimeoutMillis) {
        List<String> lines = result.batonLines().stream().filter(l -> l.contains("gave up")).toList();
        assertEquals(1, lines.size(), result.toString());
        assertTrue(lines.get(0).contains("(the connection's busy timeout is " + busyTimeoutMillis + " ms)"),
                lines.get(0));
    }

    @Test
    void aBusyTimeoutSetWithTheDriversApiAfterConnectingIsHonoured() throws Exception {
        gaveUpBy(write(true, "api=10", ENDLESS_BATON_DEFAULTS), 10);
    }

    @Test
    void aBusyTimeoutSetWithAPragmaAfterConnectingIsHonoured() throws Exception {
        gaveUpBy(write(true, "pragma=10", ENDLESS_BATON_DEFAULTS), 10);
    }

    @Test
    void aBusyHandlerThatGivesUpIsCalledAsOftenAsItAsksAndNeverRestarted() throws Exception {
        Result result = write(true, "handler=3", ENDLESS_BATON_DEFAULTS);
        assertTrue(result.stdout().contains("handler-calls=[0, 1, 2]"), result.toString());
    }

    /*
     * Baton keeps the busy timeout it read per connection: a policy changed on a connection that already wrote must
     * be read again. Each writer below first writes under a busy handler (SQLite reports timeout 0: Baton never waits
     * and logs no give-up line) or a 10 ms timeout, then changes its policy and writes again.
     */

    @Test
    void aBusyTimeoutSetWithTheDriversApiAfterABusyHandlerIsHonoured() throws Exception {
        gaveUpBy(write(true, "handler=3;api=10", ENDLESS_BATON_DEFAULTS), 10);
    }

    @Test
    void aBusyTimeoutSetWithAPragmaAfterABusyHandlerIsHonoured() throws Exception {
        gaveUpBy(write(true, "handler=3;pragma=10", ENDLESS_BATON_DEFAULTS), 10);
    }

    @Test
    void aBusyHandlerSetAfterABusyTimeoutIsNeverRestarted() throws Exception {
        Result result = write(true, "pragma=10;handler=3", ENDLESS_BATON_DEFAULTS);
        gaveUpBy(result, 10);
        assertTrue(result.stdout().contains("handler-calls=[0, 1, 2]"), result.toString());
    }

    @Test
    void aWriterThatGivesUpGetsTheDriversOwnExceptionAndOneLineSaysWhy() throws Exception {
        Result with = write(true, "api=300");
        Result without = write(false, "api=300");
        assertEquals(failure(without), failure(with), "the application must see the same exception");
        List<String> lines = with.batonLines().stream().filter(l -> l.contains("gave up")).toList();
        assertEquals(1, lines.size(), with.toString());
        String line = lines.get(0);
        assertTrue(line.contains(db.toRealPath().toString()) || line.contains(db.toString()), line);
        assertTrue(line.matches(".*after waiting \\d+ ms \\(the connection's busy timeout is 300 ms\\).*"), line);
        assertTrue(line.contains("last taken by pid " + holder.pid() + " on host "), line);
    }

    private static String failure(Result result) {
        return result.stdout().lines().filter(l -> l.startsWith("failed ")).findFirst().orElseThrow();
    }
}
