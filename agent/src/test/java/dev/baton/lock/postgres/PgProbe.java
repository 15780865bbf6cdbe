package dev.baton.lock.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import dev.baton.lock.LockId;
import dev.baton.testsupport.PostgresServer;

/**
 * The test's own view of the server (plain pgjdbc from the test class path): what pg_locks says. A bigint advisory
 * lock appears there split in two: classid the high 32 bits, objid the low 32, objsubid 1.
 */
final class PgProbe {
    private final String url;

    PgProbe(String url) {
        this.url = url;
    }

    /** Sessions blocked waiting for an advisory lock. */
    long advisoryWaiters() throws SQLException {
        return count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted");
    }

    /** Sessions blocked waiting for the advisory lock of one key. */
    long advisoryWaiters(LockId id) throws SQLException {
        return waitingPids(id).size();
    }

    /** The server processes of the sessions waiting for the advisory lock of one key. */
    List<Integer> waitingPids(LockId id) throws SQLException {
        long key = AdvisoryKey.of(id);
        List<Integer> pids = new ArrayList<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT pid FROM pg_locks WHERE locktype = 'advisory'"
                        + " AND NOT granted AND objsubid = 1 AND classid::bigint = " + (key >>> 32)
                        + " AND objid::bigint = " + (key & 0xffffffffL))) {
            while (result.next()) {
                pids.add(result.getInt(1));
            }
        }
        return pids;
    }

    /** Advisory locks held. */
    long advisoryHolders() throws SQLException {
        return count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted");
    }

    /** Ends every session holding an advisory lock, as a server restart or a network cut would. */
    long terminateHolders() throws SQLException {
        return count("SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' AND granted");
    }

    /** Ends Baton's idle sessions that hold no lock (its pooled ones), waiting until they are gone. */
    long terminateIdleBatonSessions() throws SQLException {
        return count("SELECT count(pg_terminate_backend(pid, 10000)) FROM pg_stat_activity"
                + " WHERE application_name = 'baton-lock' AND state = 'idle'"
                + " AND pid NOT IN (SELECT pid FROM pg_locks WHERE locktype = 'advisory')");
    }

    /** Runs a statement as the test's own user (e.g. ALTER ROLE). */
    void execute(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private Connection connect() throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", PostgresServer.USER);
        // Directly, not through DriverManager: in tests the backend's driver is this same unrelocated class, and
        // the backend deregisters it from DriverManager.
        return new org.postgresql.Driver().connect(url, login);
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
