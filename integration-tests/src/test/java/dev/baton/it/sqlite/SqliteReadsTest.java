package dev.baton.it.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.apps.ReadDuringWriteProbe;
import dev.baton.it.harness.Jdk;

/**
 * Read-only transactions stay concurrent with a write transaction under Baton (WAL mode): they must not take the
 * write lock. A reader that did would wait for the open write transaction and fail BUSY after its one-second busy
 * timeout, so this test fails if reads take the write lock. A transaction that reads and then writes, from a place
 * Baton has not seen only reading, still takes the write lock first (and so waits).
 */
class SqliteReadsTest {
    @TempDir
    Path work;

    private Jdk jdk;

    @BeforeEach
    void targetJdk() {
        jdk = Jdk.target();
        Assumptions.assumeTrue(jdk.feature() == 17, "JDK-independent: JDK 17 leg only");
    }

    private String probe(boolean agent) throws Exception {
        return SqliteProbe.run(jdk, work, ReadDuringWriteProbe.class, agent, work.resolve(agent + ".db")).stdout()
                .strip();
    }

    @Test
    void withBatonReadOnlyTransactionsRunWhileAnotherConnectionWrites() throws Exception {
        assertEquals("learned=ok read-only-connection=ok read-then-write=busy", probe(true));
    }

    @Test
    void withoutBatonTheSameReadsRunToo() throws Exception {
        assertEquals("learned=ok read-only-connection=ok read-then-write=busy", probe(false));
    }
}
