package dev.baton.sqlite;

import java.util.List;

import dev.baton.config.BatonConfig;
import dev.baton.config.Keys;
import dev.baton.core.BatonContext;
import dev.baton.core.Feature;
import dev.baton.core.HookCatalog;
import dev.baton.core.HookSpec;

/**
 * SQLite safety for sqlite-jdbc (3.46 to 3.51), without touching the application. The design, with the alternatives
 * rejected and the tests of each claim, is in docs/sqlite.md; in short:
 *
 * <ul>
 * <li><b>Transactions begin lazily</b> ({@link TransactionControlInterceptor}, {@link ImmediateBegin}): the driver's
 * eager deferred "begin;" is swallowed; at the transaction's first statement Baton begins IMMEDIATE (a writer: it
 * owns the write lock before its first read, so it cannot be refused halfway) or DEFERRED (a reader: the connection
 * is read-only, or {@link TransactionSites} learned that transactions starting there only read).</li>
 * <li><b>Writers queue</b> ({@link WriterQueue}): in this JVM at a {@link WriterGate}, across Baton processes on a
 * {@link ProcessTurn} (an fcntl lock beside the database), then SQLite's lock, which stays the authority.</li>
 * <li><b>The application's busy policy wins</b> ({@link Budget}): every wait Baton adds and SQLite's own share the
 * connection's busy timeout as SQLite has it at that moment; a custom busy handler gets no waiting and no retry.</li>
 * <li><b>Retries only where a repeat cannot duplicate work</b> ({@link BusyRetry}): Baton's BEGIN IMMEDIATE, a COMMIT
 * refused BUSY, single autocommit statements, prepare, connect. Never inside a transaction, never a batch or a
 * multi-statement text.</li>
 * <li><b>Connection defaults</b> where the application chose nothing ({@link ConnectionDefaults}).</li>
 * </ul>
 *
 * <p>Hooked methods (descriptors identical in 3.46.1.3 to 3.51.3.0): {@code org.sqlite.JDBC#createConnection},
 * {@code org.sqlite.core.DB#exec(String,boolean)}, {@code #execute(CoreStatement,Object[])},
 * {@code #executeBatch(SafeStmtPtr,int,Object[],boolean)}, {@code #prepare(CoreStatement)}, {@code #close()},
 * {@code org.sqlite.core.NativeDB#_exec(String)}, {@code org.sqlite.SQLiteConnection#setBusyTimeout(int)},
 * {@code org.sqlite.BusyHandler#setHandler} and {@code #clearHandler}.
 * All DB methods are synchronized on the DB, which also guards Baton's per-connection {@link TransactionState}.
 */
public final class SqliteFeature implements Feature {
    private static final String JDBC = "org.sqlite.JDBC";
    private static final String DB = "org.sqlite.core.DB";
    private static final String NATIVE_DB = "org.sqlite.core.NativeDB";
    private static final String CONNECTION = "org.sqlite.SQLiteConnection";
    private static final String BUSY_HANDLER = "org.sqlite.BusyHandler";

    private static final String CONNECT = "connect";
    private static final String TRANSACTION_CONTROL = "transaction-control";
    private static final String STATEMENT = "statement";
    private static final String PREPARE = "prepare";
    private static final String CLOSE = "close";
    private static final String BUSY_POLICY = "busy-policy";
    /** Setting of a statement hook: how it gets its SQL and which retries are safe there. */
    private static final String KIND = "kind";

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
        // Every statement reaches one of these three exactly once: DB.executeUpdate(CoreStatement, Object[]) runs
        // through execute(CoreStatement, Object[]), and DB.execute(String, boolean) through _exec(String), so those
        // two wrappers are not hooked (each hooked call costs a dispatch).
        hooks.add(preset(STATEMENT, DB, "execute", "(Lorg/sqlite/core/CoreStatement;[Ljava/lang/Object;)Z",
                KIND, StatementInterceptor.Kind.PREPARED_RETRIED.name()));
        hooks.add(preset(STATEMENT, DB, "executeBatch", "(Lorg/sqlite/core/SafeStmtPtr;I[Ljava/lang/Object;Z)[J",
                KIND, StatementInterceptor.Kind.BATCH.name()));
        hooks.add(preset(STATEMENT, NATIVE_DB, "_exec", "(Ljava/lang/String;)I",
                KIND, StatementInterceptor.Kind.TEXT_RETRIED_IF_SINGLE.name()));
        hooks.add(preset(PREPARE, DB, "prepare", "(Lorg/sqlite/core/CoreStatement;)V"));
        hooks.add(preset(CLOSE, DB, "close", "()V"));
        hooks.add(preset(BUSY_POLICY, CONNECTION, "setBusyTimeout", "(I)V"));
        hooks.add(preset(BUSY_POLICY, BUSY_HANDLER, "setHandler", "(Ljava/sql/Connection;Lorg/sqlite/BusyHandler;)V"));
        hooks.add(preset(BUSY_POLICY, BUSY_HANDLER, "clearHandler", "(Ljava/sql/Connection;)V"));
    }

    private HookSpec preset(String action, String className, String method, String descriptor, String... settings) {
        return HookSpec.preset(name(), action, className, method, descriptor, settings);
    }

    @Override
    public Interceptors start(BatonContext context) {
        BatonConfig config = context.config();
        WriterQueues queues = new WriterQueues(config.get(Keys.SQLITE_QUEUE));
        BusyRetry retry = new BusyRetry(config.get(Keys.SQLITE_RETRY_DEADLINE), queues);
        ConnectionDefaults defaults = new ConnectionDefaults(config.get(Keys.SQLITE_BUSY_TIMEOUT),
                "wal".equals(config.get(Keys.SQLITE_JOURNAL_MODE)));
        TransactionSites sites = new TransactionSites();
        TransactionStates states = new TransactionStates(sites);
        ImmediateBegin begin = new ImmediateBegin(retry, queues, sites);
        return spec -> {
            switch (spec.action()) {
                case CONNECT:
                    return new ConnectInterceptor(defaults, retry);
                case TRANSACTION_CONTROL:
                    return new TransactionControlInterceptor(states, begin, retry, queues);
                case STATEMENT:
                    return new StatementInterceptor(states, begin, retry, queues,
                            StatementInterceptor.Kind.valueOf(spec.setting(KIND)));
                case PREPARE:
                    return new PrepareInterceptor(states, retry);
                case CLOSE:
                    return new CloseInterceptor(states);
                case BUSY_POLICY:
                    return new BusyPolicyInterceptor(states);
                default:
                    throw new IllegalArgumentException("no sqlite action " + spec.action());
            }
        };
    }
}
