package dev.baton.sqlite;

/**
 * Baton's view of one SQLite connection's transaction (one per driver {@code org.sqlite.core.DB}). Guarded by the
 * DB object's monitor: sqlite-jdbc runs every DB method Baton hooks synchronized on it.
 */
final class TransactionState {
    /** The driver asked for a DEFERRED begin that Baton swallowed; the begin is due at the next statement. */
    boolean beginPending;
    /** Baton began the transaction (IMMEDIATE, or DEFERRED for one that reads) and no COMMIT/ROLLBACK ended it yet. */
    boolean open;
    /** Baton began it DEFERRED: it holds no write lock unless it writes. */
    boolean deferred;
    /** A statement that writes ran in it (or is about to). */
    boolean wrote;
    /** Where the transaction began ({@link TransactionSites}); {@link TransactionSites#NONE} when not learned from. */
    long site = TransactionSites.NONE;
    /**
     * "SAVEPOINT x" that the driver ran to open a transaction ({@code Connection.setSavepoint()}), held back like the
     * driver's "begin;": it runs right after Baton's begin, at the transaction's first statement. Null when none.
     */
    String savepointDue;
    /**
     * The savepoint that opened the transaction on a connection SQLite had in autocommit mode: releasing it commits
     * the transaction (Baton's begin made it an inner savepoint, whose release alone would not). Null when none.
     */
    String openingSavepoint;
    /** The statement the transaction began with, when it was a read (part of its site). */
    String firstSql;
    /**
     * The application itself ran BEGIN/SAVEPOINT as SQL text on an autocommit connection: its statements are
     * inside a transaction although JDBC says autocommit, so they are never retried.
     */
    boolean manualTransaction;
    /** The application switched the connection to {@code PRAGMA query_only} (the driver does for setReadOnly). */
    boolean queryOnly;
    /** Opened read-only (known after the first look), null until then. */
    Boolean openedReadOnly;
    /**
     * The connection's busy timeout as SQLite reported it ({@link Budget}), {@link #BUSY_TIMEOUT_UNKNOWN} until read
     * and again after the application changed its busy policy ({@link BusyPolicyInterceptor}, a PRAGMA busy_timeout
     * text). Reading it costs a statement round trip, which every write used to pay.
     */
    int busyTimeoutMillis = BUSY_TIMEOUT_UNKNOWN;
    static final int BUSY_TIMEOUT_UNKNOWN = -1;
    /** This transaction's place in its database's {@link WriterQueue}, held from its first write to its end. */
    WriterQueue.Permit permit;
    /** The database file, read once from the driver (for the queue and for events). */
    final String database;
    private final TransactionSites sites;

    TransactionState(String database, TransactionSites sites) {
        this.database = database;
        this.sites = sites;
    }

    /** A begin Baton held back is not needed after all (the transaction ended before its first statement). */
    void beginCancelled() {
        beginPending = false;
        savepointDue = null;
        openingSavepoint = null;
    }

    /** The transaction is over (committed, rolled back, connection closed): learn from it, let the next writer in. */
    void ended() {
        if (open) {
            sites.finished(site, wrote);
        }
        open = false;
        deferred = false;
        wrote = false;
        site = TransactionSites.NONE;
        firstSql = null;
        openingSavepoint = null;
        WriterQueue.Permit held = permit;
        permit = null;
        if (held != null) {
            held.leave();
        }
    }

    /** The connection can never write now: opened read-only, or {@code PRAGMA query_only} is on. */
    boolean readOnly(Object db) {
        if (openedReadOnly == null) {
            openedReadOnly = DriverAccess.openedReadOnly(db);
        }
        return queryOnly || openedReadOnly;
    }

    /**
     * Whether {@code sql} only sets a property of the connection while a begin is held back: it runs without beginning
     * (a setting is not a transaction's first statement; beginning for it took the write lock on an idle connection,
     * or began a read-only transaction IMMEDIATE), and {@link #settingRan} notes it afterwards.
     */
    boolean settingWhileBeginPending(String sql) {
        return beginPending && StatementText.setsConnectionProperty(sql);
    }

    /**
     * A {@code PRAGMA} ran on the connection (the application's, or the driver's for setReadOnly and
     * setTransactionIsolation): note {@code query_only}, and read the busy timeout again if it may have changed.
     */
    void settingRan(String pragma) {
        Boolean on = StatementText.queryOnly(pragma);
        if (on != null) {
            queryOnly = on;
        }
        if (StatementText.mentionsBusyTimeout(pragma)) {
            forgetBusyTimeout();
        }
    }

    /** The application may have changed its busy policy: read the timeout from SQLite again when next needed. */
    void forgetBusyTimeout() {
        busyTimeoutMillis = BUSY_TIMEOUT_UNKNOWN;
    }
}
