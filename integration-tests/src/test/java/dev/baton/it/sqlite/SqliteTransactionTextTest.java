package dev.baton.it.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.apps.TransactionTextProbe;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.Recording;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Transactions shaped in ways the JDBC API does not announce must behave as without Baton (found by the SQLite
 * review, each failing on main): a BEGIN written behind a comment was not seen, so Baton held back the driver's
 * begin, its own BEGIN then failed inside the application's transaction and {@code commit()} committed nothing (rows 0
 * instead of 2); {@code setTransactionIsolation} after {@code setAutoCommit(false)} (HikariCP's order) took the write
 * lock on an idle pooled connection, so a second one and every other writer failed BUSY; with
 * {@code jdbc.explicit_readonly} the driver's {@code PRAGMA query_only} began the read-only transaction IMMEDIATE and
 * blocked writers; releasing a savepoint never set, before the transaction's first statement, failed as it should but
 * left Baton's IMMEDIATE transaction open, so another connection's insert failed BUSY.
 */
class SqliteTransactionTextTest {
    @TempDir
    Path work;

    private Jdk jdk;

    @BeforeEach
    void targetJdk() {
        jdk = Jdk.target();
        Assumptions.assumeTrue(jdk.feature() == 17, "JDK-independent: JDK 17 leg only");
    }

    @ParameterizedTest
    @ValueSource(strings = {"commented-begin", "isolation", "explicit-readonly", "foreign-release"})
    void behavesAsWithoutBaton(String mode) throws Exception {
        List<String> outcomes = new ArrayList<>();
        for (boolean agent : new boolean[] {false, true}) {
            outcomes.add(SqliteProbe.lines(SqliteProbe.run(jdk, work, TransactionTextProbe.class, agent,
                    work.resolve(mode + "-" + agent + ".db"), mode)).get(0));
        }
        assertEquals(outcomes.get(0), outcomes.get(1), "without Baton, then with");
    }

    /**
     * A JDBC transaction ended with COMMIT as SQL text is over in SQLite, so its place in Baton's writer queue must go
     * to the next writer at once. On main the idle connection kept it: every insert of another connection waited its
     * whole busy timeout for the queue and went ahead without a place (recorded as timeout-proceed waits).
     */
    @Test
    void aTransactionEndedWithCommitTextLetsTheNextWriterIn() throws Exception {
        Path jfr = work.resolve("text-commit.jfr");
        ChildJvm child = SqliteProbe.child(jdk, work, TransactionTextProbe.class, true,
                work.resolve("text-commit.db"), "text-commit").recordTo(jfr);
        assertEquals("inserts=3 rows=4", SqliteProbe.lines(SqliteProbe.run(child)).get(0));
        List<String> gaveUp = new ArrayList<>();
        for (RecordedEvent wait : Recording.events(jfr, "baton.LockWait")) {
            if ("sqlite".equals(wait.getString("scope")) && !"acquired".equals(wait.getString("outcome"))) {
                gaveUp.add(wait.getString("outcome"));
            }
        }
        assertEquals(List.of(), gaveUp, "writers that waited out their budget for the queue");
    }
}
