package dev.baton.cli.report;

import java.util.concurrent.TimeUnit;

import dev.baton.jfr.DownloadEvent;
import dev.baton.jfr.FallbackEvent;
import dev.baton.jfr.InstallEvent;
import dev.baton.jfr.LockHoldEvent;
import dev.baton.jfr.LockWaitEvent;
import dev.baton.jfr.OffloadEvent;
import dev.baton.jfr.RetryEvent;
import dev.baton.jfr.SqliteBusyEvent;
import dev.baton.jfr.SqliteWaitEvent;

/**
 * Commits a fixed set of real Baton events whose report is known in advance. Used in-process and, through
 * {@link #main}, in child JVMs of other JDK versions started with -XX:StartFlightRecording.
 */
final class KnownEvents {
    static final String JAR_SCOPE = "download";
    static final String JAR_KEY = "https://repo.example/org/lib/1.0/lib-1.0.jar";
    /** A key a hostile or careless program could use: markup, quotes and a newline. */
    static final String NASTY_SCOPE = "install";
    static final String NASTY_KEY = "<script>alert('x')</script> & \"q\"\nline2";
    static final String DB_SCOPE = "db";
    static final String DB_KEY = "/data/app.db";
    static final String OTHER_DB = "/data/other.db";
    static final String MANAGED_OPERATION = "PreparedStatement.executeQuery";
    /** A stream copied once into a file of its own (as sqlite-jdbc unpacks its native library): not a download. */
    static final String NATIVE_COPY = "/tmp/native-1234.so";

    static final String TIMEOUT = "java.net.SocketTimeoutException";
    static final String HTTP_503 = "HTTP 503";
    static final String SQLITE_BUSY = "SQLITE_BUSY";

    static final String DOWNLOAD_SITE = "download: HttpURLConnection.getInputStream";
    static final String SQLITE_SITE = "sqlite: executeUpdate";

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    static {
        // Without the agent nobody registers Baton's event types (they are @Registered(false)).
        dev.baton.testsupport.BatonEventTypes.register();
    }

    private KnownEvents() {
    }

    /** The JFR recording is already running (started by the JVM flag); just commit. */
    public static void main(String[] args) {
        commitAll();
    }

    static void commitAll() {
        EventTiming timing = new EventTiming();
        jarWaits(timing);
        nastyWaits(timing);
        holds(timing);
        downloads(timing);
        retries(timing);
        installs(timing);
        sqliteBusy(timing);
        sqliteWaits(timing);
        offloads(timing);
        fallbacks(timing);
    }

    /** 100 waits of 1..100 ms, one every 100 ms; the first 60 contended, by 111@build-a (40) and 222@build-b (20). */
    private static void jarWaits(EventTiming timing) {
        for (int i = 1; i <= 100; i++) {
            LockWaitEvent wait = new LockWaitEvent();
            wait.scope = JAR_SCOPE;
            wait.key = JAR_KEY;
            wait.purpose = "download";
            wait.backend = "file";
            wait.outcome = "acquired";
            wait.contended = i <= 60;
            if (wait.contended) {
                wait.holderPid = i <= 40 ? 111 : 222;
                wait.holderHost = i <= 40 ? "build-a" : "build-b";
            }
            wait.generation = i;
            timing.commit(wait, i * 100 * MS, i * MS);
        }
    }

    /** Two contended waits of 3 ms and 7 ms whose holder is unknown. */
    private static void nastyWaits(EventTiming timing) {
        long[] durations = {3, 7};
        for (int i = 0; i < durations.length; i++) {
            LockWaitEvent wait = new LockWaitEvent();
            wait.scope = NASTY_SCOPE;
            wait.key = NASTY_KEY;
            wait.contended = true;
            wait.outcome = "acquired";
            timing.commit(wait, (2_000 + i * 500) * MS, durations[i] * MS);
        }
    }

    /** Three holds of the jar, one of the database; a 5 ms hold that baton.jfc's 10 ms threshold drops. */
    private static void holds(EventTiming timing) {
        long[][] jarHolds = {{500, 50}, {3_000, 60}, {7_000, 70}, {9_000, 5}};
        for (long[] hold : jarHolds) {
            LockHoldEvent event = new LockHoldEvent();
            event.scope = JAR_SCOPE;
            event.key = JAR_KEY;
            event.purpose = "download";
            event.backend = "file";
            timing.commit(event, hold[0] * MS, hold[1] * MS);
        }
        LockHoldEvent db = new LockHoldEvent();
        db.scope = DB_SCOPE;
        db.key = DB_KEY;
        db.purpose = "write";
        db.backend = "file";
        timing.commit(db, 4_000 * MS, 200 * MS);
    }

    /** Three coalesced (1000 + 2000 + 3000 bytes saved), two transferred (10000 + 20000 bytes). */
    private static void downloads(EventTiming timing) {
        long[] coalesced = {1_000, 2_000, 3_000};
        long[] transferred = {10_000, 20_000};
        int i = 0;
        for (long bytes : coalesced) {
            timing.commit(download(bytes, true), (100 + i++ * 10) * MS, 20 * MS);
        }
        for (long bytes : transferred) {
            timing.commit(download(bytes, false), (100 + i++ * 10) * MS, 20 * MS);
        }
        DownloadEvent copy = new DownloadEvent();
        copy.target = NATIVE_COPY;
        copy.url = "";
        copy.bytes = 4_096;
        copy.attempts = 1;
        copy.outcome = "transferred";
        timing.commit(copy, 200 * MS, 5 * MS);
    }

    private static DownloadEvent download(long bytes, boolean coalesced) {
        DownloadEvent download = new DownloadEvent();
        download.target = "/cache/lib-1.0.jar";
        download.url = JAR_KEY;
        download.bytes = bytes;
        download.coalesced = coalesced;
        download.attempts = 1;
        download.outcome = "ok";
        return download;
    }

    /** Timeouts 3 (100 ms backoff each), HTTP 503 once (200 ms), SQLITE_BUSY once (no backoff recorded). */
    private static void retries(EventTiming timing) {
        for (int i = 1; i <= 3; i++) {
            timing.commit(retry("download", TIMEOUT, i, 100 * MS), 1_000 * MS, MS);
        }
        timing.commit(retry("download", HTTP_503, 1, 200 * MS), 1_100 * MS, MS);
        timing.commit(retry("sqlite", SQLITE_BUSY, 1, 0), 1_200 * MS, MS);
    }

    private static RetryEvent retry(String operation, String cause, int attempt, long backoffNanos) {
        RetryEvent retry = new RetryEvent();
        retry.operation = operation;
        retry.target = "t";
        retry.cause = cause;
        retry.attempt = attempt;
        retry.backoff = backoffNanos;
        return retry;
    }

    /**
     * Waits 2 ms (taking a free lock: not a wait for another install), 250 and 750 ms (for another); the last
     * install exits with 1.
     */
    private static void installs(EventTiming timing) {
        long[][] installs = {{2, 0, 0}, {250, 0, 1}, {750, 1, 1}};
        for (long[] spec : installs) {
            InstallEvent install = new InstallEvent();
            install.command = "npm ci";
            install.directory = "/work/app";
            install.wait = spec[0] * MS;
            install.exitCode = (int) spec[1];
            install.contended = spec[2] == 1;
            timing.commit(install, 5_000 * MS, (spec[0] + 300) * MS);
        }
    }

    /** Attempts 3 and 5, waited 40 and 60 ms, outcomes ok and gave-up. */
    private static void sqliteBusy(EventTiming timing) {
        timing.commit(busy(3, 40, "ok"), 6_000 * MS, 40 * MS);
        timing.commit(busy(5, 60, "gave-up"), 6_100 * MS, 60 * MS);
    }

    private static SqliteBusyEvent busy(int attempts, long waitedMillis, String outcome) {
        SqliteBusyEvent busy = new SqliteBusyEvent();
        busy.database = DB_KEY;
        busy.statement = "UPDATE t SET v = ? WHERE id = ?";
        busy.attempts = attempts;
        busy.waited = waitedMillis * MS;
        busy.outcome = outcome;
        return busy;
    }

    /** Write transactions that waited 5, 20 and 30 ms (queued 2, 10, 0; the last gave up busy); 0.5 ms is dropped. */
    private static void sqliteWaits(EventTiming timing) {
        long[][] waits = {{5, 2, 0}, {20, 10, 0}, {30, 0, 1}};
        for (long[] spec : waits) {
            timing.commit(sqliteWait(spec[1] * MS, spec[2] == 1 ? "busy" : "began"), 6_500 * MS, spec[0] * MS);
        }
        timing.commit(sqliteWait(0, "began"), 6_600 * MS, MS / 2);
    }

    private static SqliteWaitEvent sqliteWait(long queuedNanos, String outcome) {
        SqliteWaitEvent wait = new SqliteWaitEvent();
        wait.database = DB_KEY;
        wait.queued = queuedNanos;
        wait.outcome = outcome;
        return wait;
    }

    /**
     * 100 calls queued on a pool 1..100 ms, each run 2 ms (whose events last the wait plus the run); 10 managed calls
     * on another database, not queued, run 5 ms, 4 of them compensated; one more of 0.5 ms that the 1 ms threshold
     * drops.
     */
    private static void offloads(EventTiming timing) {
        for (int i = 1; i <= 100; i++) {
            timing.commit(offload(DB_KEY, "executeUpdate", i * MS, 2 * MS, false), 8_000 * MS, (i + 2) * MS);
        }
        for (int i = 1; i <= 10; i++) {
            timing.commit(offload(OTHER_DB, MANAGED_OPERATION, 0, 5 * MS, i <= 4), 8_200 * MS, 5 * MS);
        }
        timing.commit(offload(DB_KEY, "executeUpdate", MS / 4, MS / 4, false), 8_500 * MS, MS / 2);
    }

    private static OffloadEvent offload(String database, String operation, long queueWaitNanos, long runTimeNanos,
            boolean compensated) {
        OffloadEvent offload = new OffloadEvent();
        offload.database = database;
        offload.operation = operation;
        offload.queueWait = queueWaitNanos;
        offload.runTime = runTimeNanos;
        offload.compensated = compensated;
        return offload;
    }

    private static void fallbacks(EventTiming timing) {
        timing.commit(fallback(DOWNLOAD_SITE, "java.lang.IllegalStateException"), 9_500 * MS, MS);
        timing.commit(fallback(DOWNLOAD_SITE, "java.io.IOException"), 9_600 * MS, MS);
        timing.commit(fallback(SQLITE_SITE, "java.lang.NullPointerException"), 9_700 * MS, MS);
    }

    private static FallbackEvent fallback(String site, String exception) {
        FallbackEvent fallback = new FallbackEvent();
        fallback.site = site;
        fallback.exception = exception;
        fallback.message = "boom";
        return fallback;
    }
}
