package dev.baton.sqlite;

import java.sql.SQLException;

/**
 * Recognises SQLITE_BUSY. sqlite-jdbc puts the (extended) result code in {@link SQLException#getErrorCode()}: 5 is
 * SQLITE_BUSY, 261 BUSY_RECOVERY, 517 BUSY_SNAPSHOT, 773 BUSY_TIMEOUT; the low byte is the primary code. Older
 * driver paths only put "[SQLITE_BUSY]" in the message, so that is accepted too.
 */
final class BusyErrors {
    private static final int SQLITE_BUSY = 5;

    private BusyErrors() {
    }

    static boolean isBusy(Throwable failure) {
        if (!(failure instanceof SQLException)) {
            return false;
        }
        SQLException sql = (SQLException) failure;
        if ((sql.getErrorCode() & 0xFF) == SQLITE_BUSY) {
            return true;
        }
        String message = sql.getMessage();
        return message != null && message.contains("[SQLITE_BUSY");
    }
}
