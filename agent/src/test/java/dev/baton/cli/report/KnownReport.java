package dev.baton.cli.report;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The report that {@link KnownEvents} must produce, whichever JVM recorded them. */
final class KnownReport {
    private KnownReport() {
    }

    static void assertMatches(Report report) {
        assertAll(
                () -> assertContention(report),
                () -> assertTimeline(report),
                () -> assertRetries(report),
                () -> assertDownloads(report.downloads()),
                () -> assertInstalls(report.installs()),
                () -> assertSqliteBusy(report.sqliteBusy()),
                () -> assertSqliteWaits(report.sqliteWaits()),
                () -> assertOffload(report),
                () -> assertFallbacks(report));
    }

    private static void assertContention(Report report) {
        List<KeyContention> contention = report.contention();
        assertEquals(2, contention.size(), "keys with waits: " + contention);

        KeyContention jar = contention.get(0);
        assertEquals(KnownEvents.JAR_SCOPE, jar.scope());
        assertEquals(KnownEvents.JAR_KEY, jar.key());
        assertEquals(new DurationStats(100, ms(5050), ms(50), ms(99), ms(100)), jar.waits());
        assertEquals(60, jar.contended());
        assertEquals(0.6, jar.contendedShare(), 1e-9);
        assertEquals(List.of(new KeyContention.HolderCount("111@build-a", 40),
                new KeyContention.HolderCount("222@build-b", 20)), jar.topHolders());

        KeyContention nasty = contention.get(1);
        assertEquals(KnownEvents.NASTY_KEY, nasty.key());
        assertEquals(new DurationStats(2, ms(10), ms(3), ms(7), ms(7)), nasty.waits());
        assertEquals(1.0, nasty.contendedShare(), 1e-9);
        assertEquals(List.of(), nasty.topHolders(), "holder unknown (pid 0, no host) is not a holder");
    }

    private static void assertTimeline(Report report) {
        long jarWaits = report.timeline().stream().filter(b -> b.kind() == TimelineBar.Kind.WAIT
                && b.key().equals(KnownEvents.JAR_KEY)).count();
        List<Duration> jarHolds = report.timeline().stream().filter(b -> b.kind() == TimelineBar.Kind.HOLD
                && b.key().equals(KnownEvents.JAR_KEY)).map(b -> Duration.between(b.start(), b.end())).toList();
        assertEquals(100, jarWaits);
        // The 5 ms hold is below baton.jfc's 10 ms threshold for baton.LockHold.
        assertEquals(List.of(ms(50), ms(60), ms(70)), jarHolds);
        TimelineBar firstJarHold = report.timeline().stream().filter(b -> b.kind() == TimelineBar.Kind.HOLD
                && b.key().equals(KnownEvents.JAR_KEY)).findFirst().orElseThrow();
        TimelineBar dbHold = report.timeline().stream().filter(b -> b.key().equals(KnownEvents.DB_KEY))
                .findFirst().orElseThrow();
        assertEquals(ms(3_500), Duration.between(firstJarHold.start(), dbHold.start()), "relative start times");
    }

    private static void assertRetries(Report report) {
        assertEquals(List.of(
                new RetryCause(KnownEvents.TIMEOUT, 3, new TreeSet<>(Set.of("download")), ms(300)),
                new RetryCause(KnownEvents.HTTP_503, 1, new TreeSet<>(Set.of("download")), ms(200)),
                new RetryCause(KnownEvents.SQLITE_BUSY, 1, new TreeSet<>(Set.of("sqlite")), Duration.ZERO)),
                report.retries());
    }

    private static void assertDownloads(DownloadTotals downloads) {
        assertEquals(5, downloads.downloads());
        assertEquals(3, downloads.coalesced());
        assertEquals(6_000, downloads.bytesSaved());
        assertEquals(30_000, downloads.bytesTransferred());
        assertEquals(List.of("/cache/lib-1.0.jar"), downloads.targets().stream().map(DownloadTotals.Target::target)
                .toList(), "the native library copy is not a download");
        assertEquals(1, downloads.otherCopies().requests());
        assertEquals(4_096, downloads.otherCopies().bytesTransferred());
    }

    private static void assertSqliteWaits(SqliteWaitTotals waits) {
        // The 0.5 ms wait is below baton.jfc's 1 ms threshold for baton.SqliteWait.
        assertEquals(new DurationStats(3, ms(55), ms(20), ms(30), ms(30)), waits.all());
        assertEquals(1, waits.busy());
        assertEquals(List.of(new SqliteWaitTotals.Database(KnownEvents.DB_KEY,
                new DurationStats(3, ms(55), ms(20), ms(30), ms(30)), ms(12), 1)), waits.databases());
    }

    private static void assertInstalls(InstallTotals installs) {
        assertEquals(3, installs.installs());
        assertEquals(2, installs.serialised());
        assertEquals(ms(1_000), installs.totalWait());
        assertEquals(ms(750), installs.maxWait());
        assertEquals(1, installs.failed());
    }

    private static void assertSqliteBusy(SqliteBusyTotals busy) {
        assertEquals(2, busy.events());
        assertEquals(8, busy.attempts());
        assertEquals(ms(100), busy.waited());
        assertEquals(ms(60), busy.maxWaited());
        assertEquals(Map.of("gave-up", 1, "ok", 1), busy.outcomes());
    }

    private static void assertOffload(Report report) {
        // 100 pool calls and 10 managed ones; the 0.5 ms one is below baton.jfc's 1 ms threshold for baton.Offload.
        OffloadTotals.Group pool = new OffloadTotals.Group(KnownEvents.DB_KEY, 0,
                new DurationStats(100, ms(5050), ms(50), ms(99), ms(100)),
                new DurationStats(100, ms(200), ms(2), ms(2), ms(2)));
        OffloadTotals.Group managed = new OffloadTotals.Group(KnownEvents.OTHER_DB, 4,
                new DurationStats(10, ms(0), ms(0), ms(0), ms(0)), new DurationStats(10, ms(50), ms(5), ms(5), ms(5)));
        assertEquals(List.of(pool, managed), report.offload().byDatabase());
        assertEquals(List.of(rename(managed, KnownEvents.MANAGED_OPERATION), rename(pool, "executeUpdate")),
                report.offload().byOperation());
    }

    private static OffloadTotals.Group rename(OffloadTotals.Group group, String name) {
        return new OffloadTotals.Group(name, group.compensated(), group.queueWait(), group.runTime());
    }

    private static void assertFallbacks(Report report) {
        assertEquals(List.of(
                new FallbackSite(KnownEvents.DOWNLOAD_SITE, 2,
                        new TreeSet<>(Set.of("java.io.IOException", "java.lang.IllegalStateException"))),
                new FallbackSite(KnownEvents.SQLITE_SITE, 1, new TreeSet<>(Set.of("java.lang.NullPointerException")))),
                report.fallbacks());
    }

    static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}
