package dev.baton.lock.postgres;

import java.io.IOException;
import java.nio.file.Path;

import dev.baton.lock.BackendFixture;
import dev.baton.lock.LockId;
import dev.baton.testsupport.PostgresServer;

/**
 * The PostgreSQL backend on a throwaway server of its own: every process has its own lock directory, so only the
 * database makes them meet, as on several machines. Blocked waits are read from the server's pg_locks.
 */
public final class PostgresBackendFixture implements BackendFixture {
    private final PostgresServer server;
    private final PgProbe probe;

    private PostgresBackendFixture(PostgresServer server) {
        this.server = server;
        this.probe = new PgProbe(server.jdbcUrl());
    }

    /** Starts a server (or skips the test when PostgreSQL is not installed). */
    public static PostgresBackendFixture start() throws Exception {
        return new PostgresBackendFixture(PostgresServer.start());
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public String config(Path processDir) {
        return "lock.backend=postgres,lock.dir=" + processDir + ",lock.postgres.url=" + server.jdbcUrl()
                + ",lock.postgres.user=" + PostgresServer.USER;
    }

    public PostgresServer server() {
        return server;
    }

    PgProbe probe() {
        return probe;
    }

    @Override
    public long blockedWaiters(String scope, String key) throws Exception {
        return probe.advisoryWaiters(LockId.of(scope, key));
    }

    @Override
    public boolean fifoAcrossProcesses() {
        return true; // The server grants a contended advisory lock to its waiters in arrival order.
    }

    @Override
    public void close() throws IOException {
        try {
            server.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the server", e);
        }
    }
}
