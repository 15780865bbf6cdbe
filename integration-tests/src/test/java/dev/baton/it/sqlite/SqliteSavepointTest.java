package dev.baton.it.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.apps.SavepointCommitProbe;
import dev.baton.it.apps.SavepointProbe;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;

/**
 * {@code Connection.setSavepoint()} on an autocommit connection opens a transaction with "SAVEPOINT x" and no BEGIN.
 * Baton must treat it as the beginning of a transaction: a read-then-write transaction opened that way owns the write
 * lock from its first statement, so another writer that commits meanwhile cannot make its write fail BUSY; and
 * releasing the savepoint that opened it commits it and lets the next writer in at once (a place left held would keep
 * the other writer waiting for good). Without Baton both rounds fail with
 * BUSY (the stale snapshot), which shows the probe really makes the other writer commit in between.
 */
class SqliteSavepointTest {
    @TempDir
    Path work;

    private Jdk jdk;

    @BeforeEach
    void targetJdk() {
        jdk = Jdk.target();
        Assumptions.assumeTrue(jdk.feature() == 17, "JDK-independent: JDK 17 leg only");
    }

    private String probe(boolean agent, String... mode) throws Exception {
        Object[] arguments = new Object[mode.length + 1];
        arguments[0] = work.resolve(agent + String.join("-", mode) + ".db");
        System.arraycopy(mode, 0, arguments, 1, mode.length);
        // Nobody gives up waiting (an hour, far beyond the harness's limit): a transaction end that left its queue
        // place held would keep the other writer waiting, and the probe would never finish.
        ChildJvm child = SqliteProbe.child(jdk, work, SavepointProbe.class, agent, arguments)
                .agentArgs("sqlite.retry.deadline=1h");
        return SqliteProbe.lines(SqliteProbe.run(child)).get(0);
    }

    @Test
    void withBatonASavepointTransactionOwnsTheWriteLockFromItsFirstRead() throws Exception {
        assertEquals("commit=ok release=ok v=4", probe(true));
    }

    /**
     * A savepoint transaction whose first statement was refused (another connection held the write lock past its
     * 100 ms busy timeout) is begun again by the statement's next run; releasing its savepoint must still commit it.
     */
    @Test
    void aSavepointTransactionWhoseBeginWasRefusedStillCommitsOnRelease() throws Exception {
        assertEquals("first=busy after-release=1", probe(true, "refused"));
    }

    /**
     * Releasing the savepoint that opened the transaction commits it; when that commit fails (a deferred foreign key),
     * the release must fail as it does without Baton. On main: Baton's own commit, run after the application's
     * RELEASE, failed; the dispatcher took that for Baton's failure and returned the RELEASE's success, and the
     * application's writes were lost when it closed the connection.
     */
    @Test
    void aReleaseWhoseCommitFailsFailsAsWithoutBaton() throws Exception {
        List<String> outcomes = new ArrayList<>();
        for (boolean agent : new boolean[] {false, true}) {
            outcomes.add(SqliteProbe.lines(SqliteProbe.run(jdk, work, SavepointCommitProbe.class, agent,
                    work.resolve("fk-" + agent + ".db"))).get(0));
        }
        assertEquals(List.of("release=failed rows=0", "release=failed rows=0"), outcomes, "without Baton, then with");
    }

    @Test
    void withoutBatonTheOtherWriterMakesItFailBusy() throws Exception {
        assertEquals("commit=busy release=busy v=2", probe(false));
    }
}
