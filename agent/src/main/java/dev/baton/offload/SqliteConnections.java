package dev.baton.offload;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Finds, for a hooked sqlite-jdbc object (statement, result set, connection), its connection and the connection's
 * {@code org.sqlite.core.DB}, whose monitor the driver takes around every native call. Baton cannot link against
 * org.sqlite (its loader does not see the application's classes), so it goes through java.sql interfaces and method
 * handles resolved once per driver class.
 */
final class SqliteConnections {
    private static final MethodType OBJECT_GETTER = MethodType.methodType(Object.class, Object.class);

    /** {@code SQLiteConnection.getDatabase()} of each connection class; null when the class has none. */
    private static final ClassValue<MethodHandle> GET_DATABASE = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            return publicGetter(type, "getDatabase");
        }
    };

    /** {@code DB.getUrl()} of each database class, e.g. "jdbc:sqlite:/data/app.db". */
    private static final ClassValue<MethodHandle> GET_URL = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            return publicGetter(type, "getUrl");
        }
    };

    private SqliteConnections() {
    }

    /** The connection behind a statement, result set or connection; null if it is none of them. */
    static Connection connectionOf(Object self) throws SQLException {
        if (self instanceof Connection) {
            return (Connection) self;
        }
        if (self instanceof Statement) {
            return ((Statement) self).getConnection();
        }
        if (self instanceof ResultSet) {
            Statement statement = ((ResultSet) self).getStatement();
            return statement == null ? null : statement.getConnection();
        }
        return null;
    }

    /** The driver's DB object of a connection, or null when this is not a sqlite-jdbc connection. */
    static Object databaseOf(Connection connection) throws Throwable {
        MethodHandle getter = GET_DATABASE.get(connection.getClass());
        return getter == null ? null : (Object) getter.invokeExact((Object) connection);
    }

    /** The database's URL, e.g. "jdbc:sqlite:/data/app.db". */
    static String urlOf(Object database) throws Throwable {
        MethodHandle getter = GET_URL.get(database.getClass());
        Object url = getter == null ? null : (Object) getter.invokeExact(database);
        return url == null ? "unknown" : url.toString();
    }

    /**
     * What events name as the database of a lane: a rule's lane name as it is, else the file of the DB (the lane
     * itself, or the DB of the statement, result set or connection that is the lane).
     */
    static String laneName(Object lane) {
        if (lane instanceof String) {
            return (String) lane;
        }
        try {
            Connection connection = connectionOf(lane);
            Object database = connection == null ? lane : databaseOf(connection);
            return database == null ? "unknown" : fileOf(urlOf(database));
        } catch (Throwable t) {
            return "unknown";
        }
    }

    /** "jdbc:sqlite:/data/app.db?cache=shared" -> "/data/app.db": the file, for people reading events. */
    static String fileOf(String url) {
        String file = url.startsWith("jdbc:sqlite:") ? url.substring("jdbc:sqlite:".length()) : url;
        int query = file.indexOf('?');
        return query < 0 ? file : file.substring(0, query);
    }

    private static MethodHandle publicGetter(Class<?> type, String name) {
        try {
            MethodHandle handle = MethodHandles.publicLookup().unreflect(type.getMethod(name));
            return handle.asType(OBJECT_GETTER);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
