package dev.baton.it.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.apps.LazyBeginProbe;
import dev.baton.it.harness.Jdk;

/**
 * Baton begins write transactions with BEGIN IMMEDIATE at their first statement: an idle connection with autocommit
 * off blocks nobody, a transaction that has run a statement owns the write lock. Without Baton the driver's deferred
 * transaction holds only a read lock after reading (which is why read-then-write transactions fail BUSY later).
 */
class LazyBeginImmediateTest {
    @TempDir
    Path work;

    private Jdk jdk;

    @BeforeEach
    void targetJdk() {
        jdk = Jdk.target();
    }

    private String probe(boolean agent) throws Exception {
        // B gives up after its own busy timeout (100 ms, in its URL): Baton never waits longer than that.
        return SqliteProbe.run(jdk, work, LazyBeginProbe.class, agent, work.resolve(agent + ".db")).stdout().strip();
    }

    @Test
    void withoutBatonAReadThenWriteTransactionFailsWhenAnotherWroteInBetween() throws Exception {
        assertEquals("idle=ok afterRead=ok write=busy", probe(false));
    }

    @Test
    void withBatonTheTransactionOwnsTheWriteLockFromItsFirstStatement() throws Exception {
        assertEquals("idle=ok afterRead=busy write=ok", probe(true));
    }
}
