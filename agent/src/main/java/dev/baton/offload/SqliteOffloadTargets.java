package dev.baton.offload;

import java.util.ArrayList;
import java.util.List;

import dev.baton.core.HookSpec;
import dev.baton.instrument.Interceptor;

/**
 * The sqlite-jdbc methods whose calls are offloaded (checked against 3.46.1.3, 3.50.3.0 and 3.51.3.0, where they
 * are identical). Rules for choosing them:
 * <ul>
 * <li>Not native (no body to put a prologue in) and not synchronized: a synchronized method holds the DB monitor
 * on the caller before the prologue runs, and the pool thread would then wait for it forever. The chosen methods
 * take the DB monitor inside their body, which then happens on the pool thread.</li>
 * <li>The method that does the work, not the convenience overloads that call it (executeUpdate -> executeLargeUpdate,
 * executeQuery(sql, closeStmt) -> executeQuery(sql), executeBatch -> executeLargeBatch): one hop per call. A busy
 * retry hooking the same methods chains with offload (retry outer, see FeatureCatalog), so its backoff parks the
 * virtual thread instead of holding a pool thread; a retry on a convenience overload wraps the hooked method and
 * gets the same effect.</li>
 * <li>Everything that can wait in SQLite: statement execution and stepping, transaction control (commit can fsync
 * and wait for the busy timeout), prepare (may wait for a schema lock), close (may checkpoint the WAL).</li>
 * </ul>
 * Column getters are left alone: they read the current row from memory in microseconds. With managed blocking
 * (the default) the same methods bound the watched call: everything inside, the wait for the DB monitor included,
 * counts as blocking, and nothing changes thread, so the pool's rules above are merely harmless there.
 */
final class SqliteOffloadTargets {
    static final String FEATURE = "offload";

    private static final String STATEMENT = "org.sqlite.jdbc3.JDBC3Statement";
    private static final String PREPARED = "org.sqlite.jdbc3.JDBC3PreparedStatement";
    private static final String CORE_PREPARED = "org.sqlite.core.CorePreparedStatement";
    private static final String RESULT_SET = "org.sqlite.jdbc3.JDBC3ResultSet";
    private static final String CONNECTION = "org.sqlite.SQLiteConnection";
    private static final String JDBC3_CONNECTION = "org.sqlite.jdbc3.JDBC3Connection";
    private static final String JDBC4_CONNECTION = "org.sqlite.jdbc4.JDBC4Connection";
    private static final String NATIVE_DB = "org.sqlite.core.NativeDB";

    /** Offload the call on virtual threads; setting "operation" names it in baton.Offload events. */
    static final String OFFLOAD = "offload";
    /** Not offloaded, only watched: in pool mode, registrations of Java callbacks make a connection run inline. */
    static final String WATCH_CALLBACKS = "watch-callbacks";
    static final String OPERATION = "operation";

    private SqliteOffloadTargets() {
    }

    static List<HookSpec> specs() {
        List<HookSpec> specs = new ArrayList<>();
        offload(specs, STATEMENT, "execute", "(Ljava/lang/String;)Z", "Statement.execute");
        offload(specs, STATEMENT, "executeQuery", "(Ljava/lang/String;)Ljava/sql/ResultSet;", "Statement.executeQuery");
        offload(specs, STATEMENT, "executeLargeUpdate", "(Ljava/lang/String;)J", "Statement.executeUpdate");
        offload(specs, STATEMENT, "executeLargeBatch", "()[J", "Statement.executeBatch");
        offload(specs, PREPARED, "execute", "()Z", "PreparedStatement.execute");
        offload(specs, PREPARED, "executeQuery", "()Ljava/sql/ResultSet;", "PreparedStatement.executeQuery");
        offload(specs, PREPARED, "executeLargeUpdate", "()J", "PreparedStatement.executeUpdate");
        offload(specs, CORE_PREPARED, "executeLargeBatch", "()[J", "PreparedStatement.executeBatch");
        offload(specs, RESULT_SET, "next", "()Z", "ResultSet.next");
        offload(specs, CONNECTION, "commit", "()V", "Connection.commit");
        offload(specs, CONNECTION, "rollback", "()V", "Connection.rollback");
        offload(specs, CONNECTION, "setAutoCommit", "(Z)V", "Connection.setAutoCommit");
        offload(specs, CONNECTION, "close", "()V", "Connection.close");
        offload(specs, JDBC3_CONNECTION, "rollback", "(Ljava/sql/Savepoint;)V", "Connection.rollback");
        offload(specs, JDBC3_CONNECTION, "setSavepoint", null, "Connection.setSavepoint");
        offload(specs, JDBC3_CONNECTION, "releaseSavepoint", "(Ljava/sql/Savepoint;)V", "Connection.releaseSavepoint");
        offload(specs, JDBC4_CONNECTION, "prepareStatement", "(Ljava/lang/String;III)Ljava/sql/PreparedStatement;",
                "Connection.prepareStatement");
        // Not offloaded, only watched: these two are synchronized, and run inline on every thread.
        specs.add(HookSpec.preset(FEATURE, WATCH_CALLBACKS, NATIVE_DB, "create_function", null));
        specs.add(HookSpec.preset(FEATURE, WATCH_CALLBACKS, NATIVE_DB, "create_collation", null));
        return specs;
    }

    private static void offload(List<HookSpec> specs, String className, String method, String descriptor,
            String operation) {
        specs.add(HookSpec.preset(FEATURE, OFFLOAD, className, method, descriptor, OPERATION, operation));
    }

    /** The interceptor of one of {@link #specs()}. */
    static Interceptor interceptor(HookSpec spec, Offloader offloader, SqliteCallbacks callbacks) {
        switch (spec.action()) {
            case OFFLOAD:
                boolean isResultSetNext = spec.target().className().equals(RESULT_SET)
                        && spec.target().methodName().equals("next");
                return new OffloadInterceptor(spec.setting(OPERATION), isResultSetNext, offloader, callbacks);
            case WATCH_CALLBACKS:
                return callbacks.registrationWatcher();
            default:
                throw new IllegalArgumentException("no offload action " + spec.action());
        }
    }
}
