package dev.baton.it.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.apps.CommitRetryProbe;
import dev.baton.it.apps.RetrySafetyProbe;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.Recording;
import dev.baton.it.harness.RunningJvm.Result;
import jdk.jfr.consumer.RecordedEvent;

/**
 * What Baton must never retry, and what it must. A double-applied write is the worst bug a busy retry can have, so
 * each case makes SQLite really answer BUSY after part of the work is done:
 * <ul>
 * <li>never repeated: a multi-statement executeUpdate and a batch in autocommit mode, whose first part commits
 * before another connection takes the lock for a moment (SQLite's busy handler waits it out; a repeat after a
 * shortened wait would write the first part twice), a multi-statement text and a single statement inside a
 * transaction (SQLite answers BUSY at once there; with a two-minute busy timeout, a repeat would keep the probe
 * running for minutes, and the multi-statement text would apply its first part twice);</li>
 * <li>repeated: a COMMIT refused with BUSY leaves the transaction intact; Baton retries it, and it commits once.</li>
 * </ul>
 * The same probe without Baton shows the same outcomes: SQLite really met the lock in each case.
 */
class SqliteRetrySafetyTest {
    private static final List<String> NEVER_REPEATED = List.of("multi-statement=ok t=2", "batch=ok t=3",
            "statement-in-transaction=busy", "multi-statement-in-transaction=busy t=1");

    @TempDir
    Path work;

    private Jdk jdk;

    @BeforeEach
    void targetJdk() {
        jdk = Jdk.target();
        Assumptions.assumeTrue(jdk.feature() == 17, "JDK-independent: JDK 17 leg only");
    }

    private Result run(Class<?> probe, boolean agent, Path argument, Path recording) throws Exception {
        ChildJvm child = SqliteProbe.child(jdk, work, probe, agent, argument);
        if (recording != null) {
            child.recordTo(recording);
        }
        // Far below the probe's two-minute busy timeout: a repeated statement inside a transaction cannot finish.
        Result result = child.run(90);
        assertEquals(0, result.exitCode(), result.toString());
        return result;
    }

    private static List<String> outcomes(Result result) {
        return SqliteProbe.lines(result);
    }

    @Test
    void withBatonBusyStatementsThatMayHaveDoneWorkAreNeverRepeated() throws Exception {
        Path dir = Files.createDirectories(work.resolve("with"));
        Path jfr = work.resolve("never.jfr");
        Result result = run(RetrySafetyProbe.class, true, dir, jfr);
        assertEquals(NEVER_REPEATED, outcomes(result), result.toString());
        for (RecordedEvent event : Recording.events(jfr, "baton.Retry")) {
            assertFalse(event.getString("target").contains("INSERT INTO"), "a write was retried: " + event);
        }
    }

    @Test
    void withoutBatonTheOutcomesAreTheSame() throws Exception {
        Path dir = Files.createDirectories(work.resolve("without"));
        assertEquals(NEVER_REPEATED, outcomes(run(RetrySafetyProbe.class, false, dir, null)));
    }

    @Test
    void aCommitRefusedWithBusyIsRetriedAndCommitsOnce() throws Exception {
        Path jfr = work.resolve("commit.jfr");
        Result result = run(CommitRetryProbe.class, true, work.resolve("commit.db"), jfr);
        assertEquals(List.of("commit=ok rows=1"), outcomes(result), result.toString());
        List<RecordedEvent> commits = Recording.events(jfr, "baton.SqliteBusy").stream()
                .filter(e -> e.getString("statement").equals("commit;")).toList();
        assertEquals(1, commits.size(), "one busy COMMIT, retried: " + commits);
        RecordedEvent commit = commits.get(0);
        assertTrue(commit.getInt("attempts") >= 2, commit.toString());
        assertEquals("ok", commit.getString("outcome"));
        for (RecordedEvent event : Recording.events(jfr, "baton.SqliteBusy")) {
            assertFalse(event.getString("statement").contains("p4ssw0rd"), "parameter value recorded: " + event);
        }
    }
}
