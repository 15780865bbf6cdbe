package dev.baton.cli.report;

/**
 * The type names the report looks for. Events are matched by name, never by class: a recording from another JVM
 * (another JDK, another Baton version) carries only names, and the report must work on those.
 */
final class BatonEventNames {
    static final String FALLBACK = "baton.Fallback";
    static final String LOCK_WAIT = "baton.LockWait";
    static final String LOCK_HOLD = "baton.LockHold";
    static final String DOWNLOAD = "baton.Download";
    static final String RETRY = "baton.Retry";
    static final String INSTALL = "baton.Install";
    static final String SQLITE_BUSY = "baton.SqliteBusy";
    static final String SQLITE_WAIT = "baton.SqliteWait";
    static final String OFFLOAD = "baton.Offload";

    private BatonEventNames() {
    }
}
