package dev.baton.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Which statements read, which write, which file a driver name means, and what a queue record may say. */
class SqliteTextAndSitesTest {
    @Test
    void readsAndWrites() {
        assertTrue(StatementText.reads("SELECT 1"));
        assertTrue(StatementText.reads("  with x as (select 1) select * from x"));
        assertTrue(StatementText.reads("PRAGMA table_info(t)"));
        assertFalse(StatementText.reads("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x"));
        assertFalse(StatementText.reads("PRAGMA user_version = 3"));
        assertFalse(StatementText.reads("INSERT INTO t VALUES (1)"));
        assertTrue(StatementText.writes("INSERT INTO t VALUES (1)"));
        assertTrue(StatementText.writes("create table t (x)"));
        assertFalse(StatementText.writes("BEGIN"));
        assertFalse(StatementText.writes("COMMIT"));
        assertFalse(StatementText.writes("SELECT 1"));
        assertFalse(StatementText.writes(null));
    }

    /** SQLite reads comments as blanks: a BEGIN behind one is a BEGIN, a SELECT behind one a read. */
    @Test
    void keywordsAreReadBehindComments() {
        assertEquals("BEGIN", StatementText.keyword("-- import batch\nBEGIN"));
        assertEquals("BEGIN", StatementText.keyword("/* tx */ begin immediate"));
        assertEquals("COMMIT", StatementText.keyword("  -- a\n  /* b */\n commit"));
        assertTrue(StatementText.reads("/* report */ SELECT 1"));
        assertEquals("", StatementText.keyword("-- only a comment"));
        assertEquals("", StatementText.keyword("/* unterminated"));
    }

    @Test
    void connectionSettingsAreToldFromTransactionStatements() {
        assertTrue(StatementText.setsConnectionProperty("PRAGMA read_uncommitted = 1;"));
        assertTrue(StatementText.setsConnectionProperty("PRAGMA query_only = true;"));
        assertTrue(StatementText.setsConnectionProperty("pragma main.busy_timeout=500"));
        assertFalse(StatementText.setsConnectionProperty("PRAGMA user_version = 3"));
        assertFalse(StatementText.setsConnectionProperty("PRAGMA read_uncommitted"));
        assertFalse(StatementText.setsConnectionProperty("PRAGMA query_only = 1; DELETE FROM t"));
    }

    @Test
    void queryOnlyIsRecognisedAsTheDriverWritesIt() {
        assertEquals(Boolean.TRUE, StatementText.queryOnly("PRAGMA query_only = true;"));
        assertEquals(Boolean.FALSE, StatementText.queryOnly("PRAGMA query_only = false;"));
        assertEquals(Boolean.TRUE, StatementText.queryOnly("pragma main.query_only=1"));
        assertNull(StatementText.queryOnly("PRAGMA busy_timeout = 10"));
    }

    @Test
    void savepointNamesAreComparedAsSqliteComparesThem() {
        assertEquals("SQLITE_SAVEPOINT_1", StatementText.savepointName("SAVEPOINT SQLITE_SAVEPOINT_1"));
        assertEquals("SQLITE_SAVEPOINT_1", StatementText.savepointName("RELEASE SAVEPOINT sqlite_savepoint_1"));
        assertEquals("A", StatementText.savepointName("release \"a\";"));
        assertEquals("SAVEPOINT", StatementText.savepointName("RELEASE savepoint"));
        assertEquals("B", StatementText.savepointName("ROLLBACK TRANSACTION TO SAVEPOINT b"));
        assertEquals("B", StatementText.savepointName("rollback to b"));
        assertNull(StatementText.savepointName("ROLLBACK"));
        assertNull(StatementText.savepointName("commit;"));
        assertNull(StatementText.savepointName(null));
    }

    @Test
    void driverNamesMapToFilesAndMemoryDatabasesToNone() {
        assertEquals(Path.of("/a/b.db"), WriterQueues.databaseFile("/a/b.db"));
        assertEquals(Path.of("/a/b.db"), WriterQueues.databaseFile("file:/a/b.db?mode=rwc"));
        assertEquals(Path.of("/a/b.db"), WriterQueues.databaseFile("file:///a/b.db"));
        assertEquals(Path.of("x.db").toAbsolutePath(), WriterQueues.databaseFile("x.db"));
        assertNull(WriterQueues.databaseFile(":memory:"));
        assertNull(WriterQueues.databaseFile("file::memory:?cache=shared"));
        assertNull(WriterQueues.databaseFile("file:x?mode=memory&cache=shared"));
        assertNull(WriterQueues.databaseFile(""));
    }

    @Test
    void aQueueRecordIsDataAcceptedOnlyInItsOwnShape() {
        TurnHolder holder = TurnHolder.parse("1234@build-7.example.org" + " ".repeat(40) + "\n");
        assertEquals(1234, holder.pid());
        assertEquals("build-7.example.org", holder.host());
        assertEquals("pid 1234 on host build-7.example.org", holder.toString());
        assertNull(TurnHolder.parse("1234@host\u001b[2J"));
        assertNull(TurnHolder.parse("12x@host"));
        assertNull(TurnHolder.parse("@host"));
        assertNull(TurnHolder.parse("99999999999999999999@host"));
        assertNull(TurnHolder.parse(""));
    }

    @Test
    void aSiteIsTrustedToOnlyReadAfterItsTransactionsOnlyReadAndForgetsItWhenOneWrites() {
        TransactionSites sites = new TransactionSites();
        long site = sites.siteOf("SELECT 1");
        assertFalse(sites.readsOnly(site), "never seen: a writer");
        for (int i = 0; i < TransactionSites.TRUSTED_AFTER; i++) {
            sites.finished(site, false);
        }
        assertTrue(sites.readsOnly(site));
        sites.finished(site, true);
        assertFalse(sites.readsOnly(site));
        sites.finished(site, false);
        sites.finished(site, false);
        assertFalse(sites.readsOnly(site), "a site that wrote once stays a writer");
    }

    @Test
    void theSameStatementFromAnotherPlaceInTheCodeIsAnotherSite() {
        // In this test Baton's classes and the test's share a loader; pretend Baton's is another one.
        TransactionSites sites = new TransactionSites(new java.net.URLClassLoader(new java.net.URL[0]));
        assertTrue(here(sites) != elsewhere(sites));
        long[] fromOnePlace = new long[2];
        for (int i = 0; i < fromOnePlace.length; i++) {
            fromOnePlace[i] = here(sites);
        }
        assertEquals(fromOnePlace[0], fromOnePlace[1]);
    }

    @Test
    void aStatementSeenFromOnePlaceOnlyStopsWalkingAndOneThatWritesSendsItBack() {
        // Every frame here is of Baton's loader, as far as the sites know: all calls come from one place.
        TransactionSites sites = new TransactionSites(getClass().getClassLoader());
        long site = 0;
        for (int i = 0; i < TransactionSites.WALKS_PER_STATEMENT + 1; i++) {
            site = sites.siteOf("SELECT 2");
            sites.finished(site, false);
        }
        assertTrue(sites.readsOnly(site));
        // A reader of that site wrote: the place it came from is not known, so nothing is blamed, but the site must
        // prove again that it only reads, and the statement's transactions walk the stack again.
        assertEquals(TransactionSites.NONE, sites.readerWrote(site, "SELECT 2"));
        assertFalse(sites.readsOnly(site));
        long walked = sites.siteOf("SELECT 2");
        assertEquals(site, walked, "same place, same site");
        sites.finished(walked, false);
        sites.finished(walked, false);
        assertTrue(sites.readsOnly(walked));
        assertEquals(walked, sites.readerWrote(walked, "SELECT 2"), "now the site is known: it becomes a writer");
        assertFalse(sites.readsOnly(walked));
    }

    private static long here(TransactionSites sites) {
        return sites.siteOf("SELECT 1");
    }

    private static long elsewhere(TransactionSites sites) {
        return sites.siteOf("SELECT 1");
    }
}
