package dev.baton.sqlite;

import java.util.Locale;

/** What Baton needs to know about SQL text: the leading keyword, and a short form safe to record. */
final class StatementText {
    static final int RECORDED_LENGTH = 200;

    private StatementText() {
    }

    /** The text as recorded in events: at most 200 characters. Parameters are never part of it (they are bound). */
    static String forEvent(String sql) {
        if (sql == null) {
            return "";
        }
        String trimmed = sql.strip();
        return trimmed.length() <= RECORDED_LENGTH ? trimmed : trimmed.substring(0, RECORDED_LENGTH);
    }

    /** The first word, upper case ("BEGIN", "COMMIT", "SELECT"...); empty for blank text. */
    static String keyword(String sql) {
        if (sql == null) {
            return "";
        }
        int start = 0;
        int length = sql.length();
        while (start < length && (Character.isWhitespace(sql.charAt(start)) || sql.charAt(start) == '(')) {
            start++;
        }
        int end = start;
        while (end < length && Character.isLetter(sql.charAt(end))) {
            end++;
        }
        return sql.substring(start, end).toUpperCase(Locale.ROOT);
    }

    /** ROLLBACK TO [SAVEPOINT] x undoes part of a transaction and leaves it open. */
    static boolean isRollbackTo(String sql) {
        return sql.toUpperCase(Locale.ROOT).matches("\\s*ROLLBACK\\s+(TRANSACTION\\s+)?TO\\b.*");
    }
}
