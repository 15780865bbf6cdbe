package dev.baton.lock.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;

import dev.baton.lock.Holder;
import dev.baton.lock.LockId;
import dev.baton.lock.LockRecord;
import dev.baton.lock.LockState;

/**
 * The per-key row next to the advisory lock: holder identity, the generation counter (fencing token and the
 * double-check's clock-free "what happened since") and the state the holder left. Rows are written only by the
 * session holding the key's advisory lock; markDone is additionally fenced by generation, so a holder that lost
 * its session (and so its lock) can never mark a later holder's work done.
 */
final class LockTable {
    static final String NAME = "baton_lock";

    private static final String CREATE = "CREATE TABLE IF NOT EXISTS " + NAME + " ("
            + "id bigint PRIMARY KEY, scope text NOT NULL, key_redacted text NOT NULL, generation bigint NOT NULL,"
            + " state text NOT NULL, pid bigint NOT NULL, host text NOT NULL, purpose text NOT NULL,"
            + " since timestamptz, detail text NOT NULL DEFAULT '')";
    /** Tables made before the detail column existed get it. */
    private static final String ADD_DETAIL = "ALTER TABLE " + NAME
            + " ADD COLUMN IF NOT EXISTS detail text NOT NULL DEFAULT ''";
    /** Any constant other advisory users are unlikely to pick: serialises the CREATE of concurrent first users. */
    private static final long SCHEMA_LOCK = 0x6261746f6e3a3031L; // "baton:01"

    private static final String COLUMNS = "generation, state, pid, host, scope, purpose, key_redacted, since, detail";
    private static final String READ = "SELECT " + COLUMNS + " FROM " + NAME + " WHERE id = ?";
    /**
     * One round trip: the CTE reads the previous row from the statement's snapshot, the upsert bumps the generation.
     */
    private static final String CLAIM = "WITH previous AS (" + READ + "), claimed AS ("
            + "INSERT INTO " + NAME + " AS held (id, scope, key_redacted, generation, state, pid, host, purpose, since)"
            + " VALUES (?, ?, ?, 1, 'in-progress', ?, ?, ?, ?)"
            + " ON CONFLICT (id) DO UPDATE SET generation = held.generation + 1, state = 'in-progress',"
            + " scope = excluded.scope, key_redacted = excluded.key_redacted, pid = excluded.pid,"
            + " host = excluded.host, purpose = excluded.purpose, since = excluded.since, detail = ''"
            + " RETURNING generation) SELECT claimed.generation AS claimed_generation, previous.* FROM claimed"
            + " LEFT JOIN previous ON true";
    private static final String MARK_DONE = "UPDATE " + NAME + " SET state = 'done', detail = ?"
            + " WHERE id = ? AND generation = ?";

    private LockTable() {
    }

    /**
     * Creates the table if missing. Concurrent {@code CREATE TABLE IF NOT EXISTS} can still fail on the catalog's
     * unique index when two sessions race, so first users take a transaction-scoped advisory lock around it.
     */
    static void createIfMissing(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
            statement.execute(CREATE);
            statement.execute(ADD_DETAIL);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** The key's row as it is now; {@link LockRecord#NEVER_HELD} when the key has none. */
    static LockRecord read(Connection connection, long advisoryKey) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(READ)) {
            statement.setLong(1, advisoryKey);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? record(row) : LockRecord.NEVER_HELD;
            }
        }
    }

    /** Bumps the generation, records the holder, state in progress; returns the previous row and the new one. */
    static Claim claim(Connection connection, long advisoryKey, LockId id, Holder holder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(CLAIM)) {
            statement.setLong(1, advisoryKey);
            statement.setLong(2, advisoryKey);
            statement.setString(3, id.scope());
            statement.setString(4, id.redactedKey());
            statement.setLong(5, holder.pid());
            statement.setString(6, holder.host());
            statement.setString(7, holder.purpose());
            statement.setTimestamp(8, holder.since() == null ? null : Timestamp.from(holder.since()));
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("claiming " + id + " returned no row");
                }
                long generation = row.getLong("claimed_generation");
                row.getLong("generation");
                LockRecord previous = row.wasNull() ? LockRecord.NEVER_HELD : record(row);
                LockRecord current = new LockRecord(generation, LockState.IN_PROGRESS, holder.pid(), holder.host(),
                        id.scope(), holder.purpose(), id.redactedKey(), holder.since(), "");
                return new Claim(previous, current);
            }
        }
    }

    /** False when the row no longer carries this generation: the lock was lost and someone else claimed the key. */
    static boolean markDone(Connection connection, long advisoryKey, long generation, String detail)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(MARK_DONE)) {
            statement.setString(1, detail);
            statement.setLong(2, advisoryKey);
            statement.setLong(3, generation);
            return statement.executeUpdate() == 1;
        }
    }

    private static LockRecord record(ResultSet row) throws SQLException {
        Timestamp since = row.getTimestamp("since");
        return new LockRecord(row.getLong("generation"), state(row.getString("state")), row.getLong("pid"),
                row.getString("host"), row.getString("scope"), row.getString("purpose"),
                row.getString("key_redacted"), since == null ? null : since.toInstant(), row.getString("detail"));
    }

    private static LockState state(String word) {
        switch (word) {
            case "in-progress": return LockState.IN_PROGRESS;
            case "done": return LockState.DONE;
            default: return LockState.UNKNOWN;
        }
    }

    /** What a claim found and left. */
    record Claim(LockRecord previous, LockRecord current) {
    }
}
