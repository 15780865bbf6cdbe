package dev.baton.it.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.apps.LazyBeginProbe;
import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.RunningJvm.Result;

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
        ChildJvm child = ChildJvm.on(jdk, work).classPath(Artifacts.samplesClassPath() + java.io.File.pathSeparator
                + Artifacts.testClasses()).main(LazyBeginProbe.class.getName(), work.resolve(agent + ".db"));
        if (!agent) {
            child.withoutAgent();
        } else {
            // B is expected to give up: keep Baton's waits for it short (this test is about locks, not timing).
            child.agentArgs("sqlite.busyTimeout=100ms,sqlite.retry.deadline=200ms");
        }
        Result result = child.run(60);
        assertEquals(0, result.exitCode(), result.toString());
        return result.stdout().strip();
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
