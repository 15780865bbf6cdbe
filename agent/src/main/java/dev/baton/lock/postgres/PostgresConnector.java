package dev.baton.lock.postgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * Opens connections to the lock database through the pgjdbc driver shipped (relocated) inside the agent. The only
 * class that names pgjdbc: it is loaded on the first connection, so JVMs on the file backend never load the driver.
 *
 * <p>The driver is instantiated directly, never looked up through {@link java.sql.DriverManager}: the application's
 * own drivers and ours must not see each other. Loading pgjdbc's Driver class registers it with DriverManager as a
 * side effect; it is deregistered at once (DriverManager would hide it from the application anyway, since the
 * application's class loader cannot load the relocated class).
 */
final class PostgresConnector {
    /** Connecting gives up after this, or after the server timeout if that is shorter. */
    private static final int CONNECT_TIMEOUT_SECONDS = 10;

    private final PostgresSettings settings;
    /** Statements other than the lock wait must answer within this (baton.lock.postgres.serverTimeout). */
    private final int statementTimeoutMillis;
    private volatile Driver driver;

    PostgresConnector(PostgresSettings settings) {
        this.settings = settings;
        this.statementTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, settings.serverTimeout().toMillis());
    }

    /** A new session, autocommit on, configured for holding and waiting for advisory locks. */
    Connection connect() throws SQLException {
        return connect(Math.min(CONNECT_TIMEOUT_SECONDS, seconds(settings.serverTimeout())), statementTimeoutMillis);
    }

    /**
     * A session for short checks of the server that must fail within about {@code timeout}: connecting and every
     * statement give up after it.
     */
    Connection connectWithin(Duration timeout) throws SQLException {
        return connect(seconds(timeout), (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    private Connection connect(int connectTimeoutSeconds, int networkTimeoutMillis) throws SQLException {
        Connection connection = driver().connect(settings.url(), properties(connectTimeoutSeconds));
        if (connection == null) {
            throw new SQLException("pgjdbc does not accept the URL " + settings.safeUrl());
        }
        try {
            connection.setAutoCommit(true);
            connection.setNetworkTimeout(Runnable::run, networkTimeoutMillis);
            configureSession(connection);
            return connection;
        } catch (SQLException | RuntimeException e) {
            abort(connection);
            throw e;
        }
    }

    /** pgjdbc counts its connect and login timeouts in whole seconds (0 would mean none). */
    private static int seconds(Duration timeout) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (timeout.toMillis() + 999) / 1000));
    }

    int statementTimeoutMillis() {
        return statementTimeoutMillis;
    }

    /** The server process of a session, as pg_stat_activity and pg_locks name it; no round trip. */
    static int backendPid(Connection connection) throws SQLException {
        return connection.unwrap(org.postgresql.PGConnection.class).getBackendPID();
    }

    /** The host and port a session connected to (one of the URL's hosts); no round trip. */
    static String serverOf(Connection connection) throws SQLException {
        return connection.unwrap(org.postgresql.core.BaseConnection.class).getQueryExecutor().getHostSpec()
                .toString();
    }

    private Properties properties(int connectTimeoutSeconds) {
        Properties properties = new Properties();
        if (settings.user() != null) {
            properties.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            properties.setProperty("password", settings.password());
        }
        properties.setProperty("ApplicationName", "baton-lock");
        properties.setProperty("connectTimeout", Integer.toString(connectTimeoutSeconds));
        properties.setProperty("loginTimeout", Integer.toString(connectTimeoutSeconds));
        // A session waiting for a lock sends nothing for minutes. The OS's keepalives (two hours by default) are a
        // last resort; WaitWatchdog notices a vanished server within baton.lock.postgres.serverTimeout.
        properties.setProperty("tcpKeepAlive", "true");
        // No socketTimeout here: a blocked pg_advisory_lock legitimately reads nothing for as long as the holder
        // works. Short statements get a network timeout per connection instead (setNetworkTimeout), which the
        // wait switches off for its duration.
        properties.setProperty("socketTimeout", "0");
        // pgjdbc's default prepareThreshold stays: pooled sessions run the same few statements again and again, and
        // server-side prepared statements save the parse and plan of each (measured here: ~0.1 ms per round trip).
        return properties;
    }

    /**
     * Session settings, because the defaults a database or role may carry would break waits or slow recovery:
     * <ul>
     * <li>lock_timeout and statement_timeout 0: measured on PostgreSQL 15, both cancel a blocked
     * {@code pg_advisory_lock} (SQLSTATE 55P03 / 57014); the wait is bounded by Baton's own baton.lock.timeout
     * instead, and re-queuing after a server-side timeout would lose this session's place in the server's FIFO.</li>
     * <li>idle_in_transaction_session_timeout 0: a holder is idle (outside transactions) for as long as it works;
     * harmless, but spelled out.</li>
     * <li>server-side TCP keepalives of about a minute: a holder whose machine vanishes (power, network) without
     * closing its socket keeps its session, and so its locks, until the server notices; the OS default is two
     * hours.</li>
     * </ul>
     */
    private static void configureSession(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET lock_timeout = 0; SET statement_timeout = 0;"
                    + " SET idle_in_transaction_session_timeout = 0;"
                    + " SET tcp_keepalives_idle = 30; SET tcp_keepalives_interval = 10; SET tcp_keepalives_count = 3");
        }
        // PostgreSQL 14+ only (older servers lack both settings; set_config through pg_settings skips them):
        // - idle_session_timeout 0: a holder is an idle session for as long as its work runs, and the timeout would
        //   end it, releasing the lock mid-work;
        // - client_connection_check_interval: a session blocked in pg_advisory_lock reads nothing from its socket,
        //   so without this check a waiter that died (or was aborted) stays queued until the lock is granted to it.
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT set_config(name, CASE name WHEN 'idle_session_timeout' THEN '0' ELSE '2s' END,"
                    + " false) FROM pg_settings WHERE name IN ('idle_session_timeout',"
                    + " 'client_connection_check_interval')");
        }
    }

    /** SQLSTATE class 08 and pgjdbc's own I/O failures: the session is gone, not the statement wrong. */
    static boolean isConnectionFailure(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03");
    }

    private Driver driver() throws SQLException {
        Driver loaded = driver;
        if (loaded == null) {
            synchronized (this) {
                loaded = driver;
                if (loaded == null) {
                    loaded = new org.postgresql.Driver();
                    if (org.postgresql.Driver.isRegistered()) {
                        org.postgresql.Driver.deregister();
                    }
                    driver = loaded;
                }
            }
        }
        return loaded;
    }

    /** Closes without the polite goodbye, which could block as long as the network does. */
    static void abort(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            try {
                connection.close();
            } catch (SQLException | RuntimeException ignored) {
                // Nothing more to do: the server ends the session when the socket goes.
            }
        }
    }

    String location() {
        return settings.safeUrl();
    }
}
