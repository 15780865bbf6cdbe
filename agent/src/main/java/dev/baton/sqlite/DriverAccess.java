package dev.baton.sqlite;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;

/**
 * Reaches into sqlite-jdbc objects by reflection: Baton's runtime cannot see org.sqlite classes (its loader's parent
 * is the platform loader) and must not depend on one driver version. Members are found by name on the object's own
 * class hierarchy, so each application class loader gets its own lookups. The members used exist unchanged in
 * sqlite-jdbc 3.46 to 3.51: {@code DB.exec(String, boolean)}, {@code DB.fileName}, {@code DB.getConfig()},
 * {@code CoreStatement.conn}, {@code CoreStatement.sql}, and the natives of {@code NativeDB} used to read and set the
 * busy timeout ({@code prepare_utf8}, {@code step}, {@code column_int}, {@code finalize}, {@code busy_timeout}).
 */
final class DriverAccess {
    private static final ClassValue<Method> EXEC = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            return accessible(method(type, "exec", String.class, boolean.class));
        }
    };
    private static final ClassValue<Field> FILE_NAME = new ClassValue<>() {
        @Override
        protected Field computeValue(Class<?> type) {
            return accessible(field(type, "fileName"));
        }
    };
    private static final ClassValue<Field> STATEMENT_CONNECTION = new ClassValue<>() {
        @Override
        protected Field computeValue(Class<?> type) {
            return accessible(field(type, "conn"));
        }
    };
    private static final ClassValue<Field> STATEMENT_SQL = new ClassValue<>() {
        @Override
        protected Field computeValue(Class<?> type) {
            return accessible(field(type, "sql"));
        }
    };

    private static final ClassValue<Method> RESET = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            return accessible(method(type, "reset", long.class));
        }
    };
    private static final ClassValue<Field> STATEMENT_POINTER = new ClassValue<>() {
        @Override
        protected Field computeValue(Class<?> type) {
            return accessible(field(type, "pointer"));
        }
    };
    private static final ClassValue<Field> POINTER_VALUE = new ClassValue<>() {
        @Override
        protected Field computeValue(Class<?> type) {
            return accessible(field(type, "ptr"));
        }
    };

    private static final ClassValue<Method> PREPARE_UTF8 = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            return accessible(method(type, "prepare_utf8", byte[].class));
        }
    };
    private static final ClassValue<Method> STEP = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            return accessible(method(type, "step", long.class));
        }
    };
    private static final ClassValue<Method> COLUMN_INT = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            return accessible(method(type, "column_int", long.class, int.class));
        }
    };
    private static final ClassValue<Method> FINALIZE = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            return accessible(method(type, "finalize", long.class));
        }
    };
    private static final ClassValue<Method> BUSY_TIMEOUT = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            return accessible(method(type, "busy_timeout", int.class));
        }
    };
    private static final ClassValue<Method> GET_DATABASE = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            return accessible(method(type, "getDatabase"));
        }
    };
    private static final ClassValue<Method> GET_CONFIG = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            return accessible(method(type, "getConfig"));
        }
    };
    private static final ClassValue<Method> OPEN_MODE_FLAGS = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            return accessible(method(type, "getOpenModeFlags"));
        }
    };

    private static final byte[] READ_BUSY_TIMEOUT = "PRAGMA busy_timeout".getBytes(StandardCharsets.UTF_8);
    private static final int SQLITE_ROW = 100;
    private static final int SQLITE_OPEN_READONLY = 0x1;

    private DriverAccess() {
    }

    /**
     * The connection's busy timeout in milliseconds as SQLite itself has it now, whoever set it (the URL, the
     * driver's {@code setBusyTimeout}, a {@code PRAGMA busy_timeout} statement). 0 when the connection does not wait
     * at all or has its own busy handler ({@code sqlite3_busy_handler} resets SQLite's timeout to 0).
     */
    static int busyTimeoutMillis(Object db) throws Throwable {
        Class<?> type = db.getClass();
        long statement = (Long) invoke(PREPARE_UTF8.get(type), db, (Object) READ_BUSY_TIMEOUT);
        try {
            int step = (Integer) invoke(STEP.get(type), db, statement);
            if (step != SQLITE_ROW) {
                throw new IllegalStateException("PRAGMA busy_timeout returned no row (" + step + ")");
            }
            return (Integer) invoke(COLUMN_INT.get(type), db, statement, 0);
        } finally {
            invoke(FINALIZE.get(type), db, statement);
        }
    }

    /** {@code sqlite3_busy_timeout}: the default busy handler, waiting up to {@code millis} (0: no waiting). */
    static void setBusyTimeout(Object db, int millis) throws Throwable {
        invoke(BUSY_TIMEOUT.get(db.getClass()), db, millis);
    }

    /** Whether the connection was opened read-only ({@code SQLiteOpenMode.READONLY}): it can never write. */
    static boolean openedReadOnly(Object db) {
        try {
            Object config = GET_CONFIG.get(db.getClass()).invoke(db);
            int flags = (Integer) OPEN_MODE_FLAGS.get(config.getClass()).invoke(config);
            return (flags & SQLITE_OPEN_READONLY) != 0;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    private static Object invoke(Method method, Object target, Object... arguments) throws Throwable {
        try {
            return method.invoke(target, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The driver DB object behind an {@code org.sqlite.SQLiteConnection}. */
    static Object databaseOf(Object connection) throws Throwable {
        return invoke(GET_DATABASE.get(connection.getClass()), connection);
    }

    /** Runs SQL through the driver's own {@code DB.exec}, as the driver runs "begin;" and "commit;". */
    static void exec(Object db, String sql, boolean autoCommit) throws Throwable {
        try {
            EXEC.get(db.getClass()).invoke(db, sql, autoCommit);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * Resets a prepared statement after a failed step, as the driver itself does before every execution: SQLite
     * refuses to bind parameters to a statement that ran and was not reset.
     */
    static void reset(Object db, Object coreStatement) throws Throwable {
        Object pointer = STATEMENT_POINTER.get(coreStatement.getClass()).get(coreStatement);
        long handle = POINTER_VALUE.get(pointer.getClass()).getLong(pointer);
        try {
            RESET.get(db.getClass()).invoke(db, handle);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    static String databaseName(Object db) {
        if (db instanceof String) {
            return (String) db;
        }
        try {
            Object name = FILE_NAME.get(db.getClass()).get(db);
            return name == null ? "" : name.toString();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "";
        }
    }

    static Connection connectionOf(Object coreStatement) throws IllegalAccessException {
        return (Connection) STATEMENT_CONNECTION.get(coreStatement.getClass()).get(coreStatement);
    }

    static String sqlOf(Object coreStatement) throws IllegalAccessException {
        return (String) STATEMENT_SQL.get(coreStatement.getClass()).get(coreStatement);
    }

    private static Method method(Class<?> type, String name, Class<?>... parameters) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredMethod(name, parameters);
            } catch (NoSuchMethodException e) {
                // Declared higher up.
            }
        }
        throw new IllegalStateException("sqlite-jdbc changed: no method " + name + " on " + type.getName());
    }

    private static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // Declared higher up.
            }
        }
        throw new IllegalStateException("sqlite-jdbc changed: no field " + name + " on " + type.getName());
    }

    private static <T extends java.lang.reflect.AccessibleObject> T accessible(T member) {
        member.setAccessible(true);
        return member;
    }
}
