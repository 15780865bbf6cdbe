package dev.baton.sqlite;

import java.util.List;

import dev.baton.config.BatonConfig;
import dev.baton.config.Keys;
import dev.baton.core.BatonContext;
import dev.baton.core.Feature;
import dev.baton.core.HookCatalog;
import dev.baton.core.HookSpec;

/**
 * SQLite safety for sqlite-jdbc (3.46 to 3.51), without touching the application.
 *
 * <h2>Write transactions: lazy BEGIN IMMEDIATE</h2>
 * With default settings sqlite-jdbc begins a DEFERRED transaction as soon as autocommit is switched off and again
 * inside every commit() and rollback(). A deferred transaction that reads and then writes must upgrade its read lock
 * to a write lock; when another connection is writing, SQLite answers SQLITE_BUSY at once, skipping the busy handler,
 * because waiting could deadlock. The driver's own fix (transaction_mode=IMMEDIATE) begins eagerly, so idle
 * connections hold the write lock, and its re-begin inside commit() can throw after the data committed (driver
 * issue #683). Baton instead:
 * <ol>
 * <li>swallows the driver's "begin;" ({@link TransactionControlInterceptor}) and marks the connection's transaction
 * pending;</li>
 * <li>issues BEGIN IMMEDIATE itself right before the transaction's first statement ({@link ImmediateBegin}), with
 * busy retries: nothing has run yet, so waiting and retrying are safe, and once it succeeds the transaction owns the
 * write lock and cannot be refused halfway;</li>
 * <li>turns the driver's COMMIT/ROLLBACK of a transaction that never ran a statement into a no-op, and retries a
 * COMMIT refused with BUSY (the transaction is still intact then). Nothing is ever begun inside a begun
 * transaction.</li>
 * </ol>
 * A pure read transaction takes the write lock too: the price of never failing halfway, as in Nix's fix.
 *
 * <h2>Retries</h2>
 * Only where a repeat cannot duplicate work ({@link BusyRetry}, deadline baton.sqlite.retry.deadline): Baton's
 * BEGIN IMMEDIATE, a COMMIT refused BUSY, single autocommit statements, prepare, connect. Never inside a transaction,
 * never a batch or a multi-statement text.
 *
 * <h2>Connection defaults</h2>
 * busy_timeout and, with baton.sqlite.journalMode=wal, WAL with synchronous=NORMAL, where the application chose
 * nothing ({@link ConnectionDefaults}).
 *
 * <h2>Write gate</h2>
 * Writers of one JVM queue for a database file in a fair in-process {@link WriteGate} before asking SQLite for the
 * write lock, so only one connection per process polls SQLite's lock (throughput); bounded by the busy timeout.
 *
 * <p>Hooked methods (descriptors identical in 3.46.1.3 to 3.51.3.0): {@code org.sqlite.JDBC#createConnection},
 * {@code org.sqlite.core.DB#exec(String,boolean)}, {@code #execute(CoreStatement,Object[])},
 * {@code #executeUpdate(CoreStatement,Object[])}, {@code #executeBatch(SafeStmtPtr,int,Object[],boolean)},
 * {@code #execute(String,boolean)}, {@code #prepare(CoreStatement)}, {@code #close()},
 * {@code org.sqlite.core.NativeDB#_exec(String)}.
 * All DB methods are synchronized on the DB, which also guards Baton's per-connection {@link TransactionState}.
 */
public final class SqliteFeature implements Feature {
    private static final String JDBC = "org.sqlite.JDBC";
    private static final String DB = "org.sqlite.core.DB";
    private static final String NATIVE_DB = "org.sqlite.core.NativeDB";

    private static final String CONNECT = "connect";
    private static final String TRANSACTION_CONTROL = "transaction-control";
    private static final String STATEMENT = "statement";
    private static final String PREPARE = "prepare";
    private static final String CLOSE = "close";
    /** Settings of a statement hook: which retries are safe there, and whether writers queue at the write gate. */
    private static final String KIND = "kind";
    private static final String GATE = "gate";

    @Override
    public String name() {
        return Keys.SQLITE_ENABLED.feature();
    }

    @Override
    public boolean enabled(BatonConfig config) {
        return config.get(Keys.SQLITE_ENABLED);
    }

    @Override
    public void declare(BatonConfig config, HookCatalog.Declarations hooks) {
        hooks.add(preset(CONNECT, JDBC, "createConnection",
                "(Ljava/lang/String;Ljava/util/Properties;)Lorg/sqlite/SQLiteConnection;"));
        hooks.add(preset(TRANSACTION_CONTROL, DB, "exec", "(Ljava/lang/String;Z)V"));
        hooks.add(preset(STATEMENT, DB, "execute", "(Lorg/sqlite/core/CoreStatement;[Ljava/lang/Object;)Z",
                KIND, StatementInterceptor.Kind.PREPARED_RETRIED.name(), GATE, "true"));
        // executeUpdate runs through execute(CoreStatement...), which retries; this hook only begins.
        hooks.add(preset(STATEMENT, DB, "executeUpdate", "(Lorg/sqlite/core/CoreStatement;[Ljava/lang/Object;)J",
                KIND, StatementInterceptor.Kind.NEVER_RETRIED.name()));
        hooks.add(preset(STATEMENT, DB, "executeBatch", "(Lorg/sqlite/core/SafeStmtPtr;I[Ljava/lang/Object;Z)[J",
                KIND, StatementInterceptor.Kind.NEVER_RETRIED.name()));
        // execute(String, boolean) runs through _exec, which retries single statements.
        hooks.add(preset(STATEMENT, DB, "execute", "(Ljava/lang/String;Z)Z",
                KIND, StatementInterceptor.Kind.NEVER_RETRIED.name()));
        hooks.add(preset(STATEMENT, NATIVE_DB, "_exec", "(Ljava/lang/String;)I",
                KIND, StatementInterceptor.Kind.TEXT_RETRIED_IF_SINGLE.name(), GATE, "true"));
        hooks.add(preset(PREPARE, DB, "prepare", "(Lorg/sqlite/core/CoreStatement;)V"));
        hooks.add(preset(CLOSE, DB, "close", "()V"));
    }

    private HookSpec preset(String action, String className, String method, String descriptor, String... settings) {
        return HookSpec.preset(name(), action, className, method, descriptor, settings);
    }

    @Override
    public Interceptors start(BatonContext context) {
        BatonConfig config = context.config();
        BusyRetry retry = new BusyRetry(config.get(Keys.SQLITE_RETRY_DEADLINE));
        ConnectionDefaults defaults = new ConnectionDefaults(config.get(Keys.SQLITE_BUSY_TIMEOUT),
                "wal".equals(config.get(Keys.SQLITE_JOURNAL_MODE)));
        TransactionStates states = new TransactionStates();
        WriteGate gate = new WriteGate(config.get(Keys.SQLITE_BUSY_TIMEOUT));
        ImmediateBegin begin = new ImmediateBegin(retry, gate);
        return spec -> {
            switch (spec.action()) {
                case CONNECT:
                    return new ConnectInterceptor(defaults, retry);
                case TRANSACTION_CONTROL:
                    return new TransactionControlInterceptor(states, begin, retry);
                case STATEMENT:
                    return new StatementInterceptor(states, begin, retry,
                            StatementInterceptor.Kind.valueOf(spec.setting(KIND)),
                            "true".equals(spec.setting(GATE)) ? gate : null);
                case PREPARE:
                    return new PrepareInterceptor(states, retry);
                case CLOSE:
                    return new CloseInterceptor(states);
                default:
                    throw new IllegalArgumentException("no sqlite action " + spec.action());
            }
        };
    }
}
