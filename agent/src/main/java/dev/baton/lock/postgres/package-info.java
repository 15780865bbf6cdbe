/**
 * The lock backend for several machines ({@code baton.lock.backend=postgres}): session-level advisory locks in a
 * PostgreSQL database plus a row per key (holder, generation, state). {@link dev.baton.lock.postgres.PostgresLockBackend}
 * is the entry; {@code PostgresKeyLock} is one key; {@code PostgresConnector} is the only class that names the
 * relocated pgjdbc driver, so the driver loads on this backend's first connection and never on the file backend.
 * The package ships in baton-postgres.jar with the driver, not in the agent jar ({@code PostgresBackendProvider} is
 * found there by name). {@code SessionWatchdog} pings held sessions, {@code WaitWatchdog} watches the server during
 * waits (baton.lock.postgres.serverTimeout).
 * See docs/postgres-lock-backend.md for guarantees and caveats (transaction-mode poolers, NFS).
 */
package dev.baton.lock.postgres;
