package dev.baton.offload;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Tells whether {@code ResultSet.next()} of sqlite-jdbc will step the statement in native code. It does not for
 * the first row (executeQuery already stepped to it) nor after the end; those calls are a few field reads and run
 * inline, so a point lookup ({@code if (rs.next())}) costs one offload, not two.
 */
final class ResultSetCursor {
    private static final MethodType INT_GETTER = MethodType.methodType(int.class, Object.class);
    private static final MethodType BOOLEAN_GETTER = MethodType.methodType(boolean.class, Object.class);

    private static final ClassValue<ResultSetCursor> BY_CLASS = new ClassValue<>() {
        @Override
        protected ResultSetCursor computeValue(Class<?> type) {
            return of(type);
        }
    };

    /** Field getters of org.sqlite.core.CoreResultSet; all null when they could not be found. */
    private final MethodHandle open;
    private final MethodHandle empty;
    private final MethodHandle pastLastRow;
    private final MethodHandle row;

    private ResultSetCursor(MethodHandle open, MethodHandle empty, MethodHandle pastLastRow, MethodHandle row) {
        this.open = open;
        this.empty = empty;
        this.pastLastRow = pastLastRow;
        this.row = row;
    }

    /** {@link #nextSteps}, and true when the fields cannot be read: for {@code Interceptor.wants}, which cannot throw. */
    static boolean nextStepsOrUnknown(Object resultSet) {
        try {
            return nextSteps(resultSet);
        } catch (Throwable t) {
            return true;
        }
    }

    /** True unless the driver's own fields show that next() will not reach native code. */
    static boolean nextSteps(Object resultSet) throws Throwable {
        ResultSetCursor cursor = BY_CLASS.get(resultSet.getClass());
        if (cursor.row == null) {
            return true;
        }
        if (!(boolean) cursor.open.invokeExact(resultSet) || (boolean) cursor.empty.invokeExact(resultSet)
                || (boolean) cursor.pastLastRow.invokeExact(resultSet)) {
            return false;
        }
        return (int) cursor.row.invokeExact(resultSet) != 0;
    }

    private static ResultSetCursor of(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (c.getName().equals("org.sqlite.core.CoreResultSet")) {
                try {
                    MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(c, MethodHandles.lookup());
                    return new ResultSetCursor(
                            lookup.findGetter(c, "open", boolean.class).asType(BOOLEAN_GETTER),
                            lookup.findGetter(c, "emptyResultSet", boolean.class).asType(BOOLEAN_GETTER),
                            lookup.findGetter(c, "pastLastRow", boolean.class).asType(BOOLEAN_GETTER),
                            lookup.findGetter(c, "row", int.class).asType(INT_GETTER));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    break;
                }
            }
        }
        // Unknown driver layout: every next() is offloaded, which is correct, only slower.
        return new ResultSetCursor(null, null, null, null);
    }
}
