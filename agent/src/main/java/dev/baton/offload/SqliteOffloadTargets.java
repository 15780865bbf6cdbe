package dev.baton.offload;

import java.util.ArrayList;
import java.util.List;

import dev.baton.instrument.Hook;
import dev.baton.instrument.MethodTarget;

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

    private SqliteOffloadTargets() {
    }

    static List<Hook> hooks(Offloader offloader, SqliteCallbacks callbacks) {
        Builder hooks = new Builder(offloader, callbacks);
        hooks.offload(STATEMENT, "execute", "(Ljava/lang/String;)Z", "Statement.execute");
        hooks.offload(STATEMENT, "executeQuery", "(Ljava/lang/String;)Ljava/sql/ResultSet;", "Statement.executeQuery");
        hooks.offload(STATEMENT, "executeLargeUpdate", "(Ljava/lang/String;)J", "Statement.executeUpdate");
        hooks.offload(STATEMENT, "executeLargeBatch", "()[J", "Statement.executeBatch");
        hooks.offload(PREPARED, "execute", "()Z", "PreparedStatement.execute");
        hooks.offload(PREPARED, "executeQuery", "()Ljava/sql/ResultSet;", "PreparedStatement.executeQuery");
        hooks.offload(PREPARED, "executeLargeUpdate", "()J", "PreparedStatement.executeUpdate");
        hooks.offload(CORE_PREPARED, "executeLargeBatch", "()[J", "PreparedStatement.executeBatch");
        hooks.offload(RESULT_SET, "next", "()Z", "ResultSet.next");
        hooks.offload(CONNECTION, "commit", "()V", "Connection.commit");
        hooks.offload(CONNECTION, "rollback", "()V", "Connection.rollback");
        hooks.offload(CONNECTION, "setAutoCommit", "(Z)V", "Connection.setAutoCommit");
        hooks.offload(CONNECTION, "close", "()V", "Connection.close");
        hooks.offload(JDBC3_CONNECTION, "rollback", "(Ljava/sql/Savepoint;)V", "Connection.rollback");
        hooks.offload(JDBC3_CONNECTION, "setSavepoint", null, "Connection.setSavepoint");
        hooks.offload(JDBC3_CONNECTION, "releaseSavepoint", "(Ljava/sql/Savepoint;)V", "Connection.releaseSavepoint");
        hooks.offload(JDBC4_CONNECTION, "prepareStatement", "(Ljava/lang/String;III)Ljava/sql/PreparedStatement;",
                "Connection.prepareStatement");
        // Not offloaded, only watched: these two are synchronized, and run inline on every thread.
        hooks.watch(NATIVE_DB, "create_function", callbacks);
        hooks.watch(NATIVE_DB, "create_collation", callbacks);
        return hooks.list;
    }

    private static final class Builder {
        private final Offloader offloader;
        private final SqliteCallbacks callbacks;
        private final List<Hook> list = new ArrayList<>();

        Builder(Offloader offloader, SqliteCallbacks callbacks) {
            this.offloader = offloader;
            this.callbacks = callbacks;
        }

        void offload(String className, String method, String descriptor, String operation) {
            boolean isResultSetNext = className.equals(RESULT_SET) && method.equals("next");
            list.add(new Hook(FEATURE, new MethodTarget(className, method, descriptor),
                    new OffloadInterceptor(operation, isResultSetNext, offloader, callbacks)));
        }

        void watch(String className, String method, SqliteCallbacks registry) {
            list.add(new Hook(FEATURE, new MethodTarget(className, method, null), registry.registrationWatcher()));
        }
    }
}
