package dev.baton.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** The small decisions of the sqlite feature: what is BUSY, what is one statement, which defaults apply. */
class SqliteRulesTest {
    @Test
    void busyIsRecognisedByPrimaryAndExtendedCodes() {
        assertTrue(BusyErrors.isBusy(new SQLException("x", null, 5)));
        assertTrue(BusyErrors.isBusy(new SQLException("x", null, 517)));
        assertTrue(BusyErrors.isBusy(new SQLException("[SQLITE_BUSY] The database file is locked")));
        assertFalse(BusyErrors.isBusy(new SQLException("x", null, 6)));
        assertFalse(BusyErrors.isBusy(new SQLException("x", null, 19)));
        assertFalse(BusyErrors.isBusy(new IllegalStateException("[SQLITE_BUSY]")));
    }

    @Test
    void onlySingleStatementsCountAsSingle() {
        assertTrue(StatementInterceptor.isSingleStatement("INSERT INTO t VALUES (1)"));
        assertTrue(StatementInterceptor.isSingleStatement("INSERT INTO t VALUES (1);  "));
        assertFalse(StatementInterceptor.isSingleStatement("INSERT INTO t VALUES (1); INSERT INTO t VALUES (2)"));
        assertFalse(StatementInterceptor.isSingleStatement("INSERT INTO t VALUES (';x')"));
    }

    @Test
    void keywordsAndRecordedText() {
        assertEquals("BEGIN", StatementText.keyword("  begin immediate"));
        assertEquals("SELECT", StatementText.keyword("(select 1)"));
        assertTrue(StatementText.isRollbackTo("rollback to savepoint a"));
        assertFalse(StatementText.isRollbackTo("rollback"));
        assertEquals(200, StatementText.forEvent("x".repeat(500)).length());
    }

    @Test
    void defaultsOnlyWhereTheApplicationChoseNothing() {
        ConnectionDefaults wal = new ConnectionDefaults(Duration.ofSeconds(5), true);
        Properties none = wal.apply("jdbc:sqlite:a.db", null);
        assertEquals("5000", none.getProperty("busy_timeout"));
        assertEquals("WAL", none.getProperty("journal_mode"));
        assertEquals("NORMAL", none.getProperty("synchronous"));

        Properties given = new Properties();
        given.setProperty("busy_timeout", "10");
        Properties kept = wal.apply("jdbc:sqlite:a.db?journal_mode=DELETE", given);
        assertEquals("10", kept.getProperty("busy_timeout"));
        assertFalse(kept.containsKey("journal_mode"));
        assertFalse(kept.containsKey("synchronous"));
        assertEquals(1, given.size(), "the application's Properties must stay untouched");

        Properties keep = new ConnectionDefaults(Duration.ofSeconds(5), false).apply("jdbc:sqlite:a.db", null);
        assertFalse(keep.containsKey("journal_mode"));
    }
}
