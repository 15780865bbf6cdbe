package dev.baton.sqlite;

import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What Baton needs to know about SQL text: the leading keyword, and a short form safe to record. */
final class StatementText {
    static final int RECORDED_LENGTH = 200;
    private static final Pattern WRITING_WORD = Pattern.compile(
            "\\b(INSERT|UPDATE|DELETE|REPLACE)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern BUSY_TIMEOUT = Pattern.compile("busy_timeout", Pattern.CASE_INSENSITIVE);
    private static final Pattern QUERY_ONLY = Pattern.compile(
            "\\s*PRAGMA\\s+(?:\\w+\\.)?query_only\\s*=\\s*'?(\\w+)'?\\s*;?\\s*",
            Pattern.CASE_INSENSITIVE);

    /**
     * Pragmas that only set a property of the connection ({@code PRAGMA read_uncommitted = 1}, which the driver runs
     * for setTransactionIsolation; {@code query_only}, which it runs for setReadOnly; {@code busy_timeout}): the same
     * before a transaction begins as inside it, and never a reason to begin one.
     */
    private static final Pattern CONNECTION_PRAGMA = Pattern.compile(
            "\\s*PRAGMA\\s+(?:\\w+\\.)?(?:read_uncommitted|query_only|busy_timeout)\\s*=\\s*'?\\w+'?\\s*;?\\s*",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern SAVEPOINT_NAME = Pattern.compile(
            "\\s*(?:SAVEPOINT|RELEASE(?:\\s+SAVEPOINT)?|ROLLBACK(?:\\s+TRANSACTION)?\\s+TO(?:\\s+SAVEPOINT)?)"
                    + "\\s+(\\S+?)\\s*;?\\s*",
            Pattern.CASE_INSENSITIVE);

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

    /**
     * What is known of each statement text seen, up to {@link #REMEMBERED} of them. Every hooked statement asks (a
     * read-only transaction of a few point lookups asks about ten times), and parsing allocated and upper-cased the
     * keyword each time: a large part of the time Baton added to such a transaction. A prepared statement passes
     * the same String each time, so a lookup costs its cached hash and an identity check.
     */
    private static final ConcurrentHashMap<String, Facts> FACTS = new ConcurrentHashMap<>();
    static final int REMEMBERED = 4096;
    /** Longer texts (generated bulk statements) are parsed each time: holding them could hold megabytes. */
    static final int REMEMBERED_LENGTH = 1024;

    private record Facts(String keyword, boolean reads, boolean writes, boolean busyTimeout) {
    }

    private static Facts facts(String sql) {
        Facts known = FACTS.get(sql);
        if (known == null) {
            String keyword = parseKeyword(sql);
            boolean reads = parseReads(keyword, sql);
            known = new Facts(keyword, reads, !reads && parseWrites(keyword), BUSY_TIMEOUT.matcher(sql).find());
            if (sql.length() <= REMEMBERED_LENGTH && FACTS.size() < REMEMBERED) {
                FACTS.put(sql, known);
            }
        }
        return known;
    }

    /** The first word, upper case ("BEGIN", "COMMIT", "SELECT"...); empty for blank text. */
    static String keyword(String sql) {
        return sql == null ? "" : facts(sql).keyword();
    }

    /**
     * The first word after leading blanks, parentheses and comments: SQLite reads {@code -- ...} and {@code /* ... *}{@code /}
     * as blanks, so a BEGIN behind a comment is a BEGIN (not seeing one made Baton begin a second transaction inside
     * the application's and lose its commit).
     */
    private static String parseKeyword(String sql) {
        int start = 0;
        int length = sql.length();
        while (start < length) {
            char c = sql.charAt(start);
            if (Character.isWhitespace(c) || c == '(') {
                start++;
            } else if (sql.startsWith("--", start)) {
                int lineEnd = sql.indexOf('\n', start);
                start = lineEnd < 0 ? length : lineEnd + 1;
            } else if (sql.startsWith("/*", start)) {
                int commentEnd = sql.indexOf("*/", start + 2);
                start = commentEnd < 0 ? length : commentEnd + 2;
            } else {
                break;
            }
        }
        int end = start;
        while (end < length && Character.isLetter(sql.charAt(end))) {
            end++;
        }
        return sql.substring(start, end).toUpperCase(Locale.ROOT);
    }

    /**
     * Whether a statement only reads: SELECT, VALUES, EXPLAIN, a WITH that names no writing statement, a PRAGMA that
     * assigns nothing. Anything else counts as a write, which is the safe mistake (it takes the write lock).
     */
    static boolean reads(String sql) {
        return sql != null && facts(sql).reads();
    }

    private static boolean parseReads(String keyword, String sql) {
        switch (keyword) {
            case "SELECT", "VALUES", "EXPLAIN":
                return true;
            case "WITH":
                return !WRITING_WORD.matcher(sql).find();
            case "PRAGMA":
                return sql.indexOf('=') < 0;
            default:
                return false;
        }
    }

    /**
     * Whether a statement takes SQLite's write lock by itself, in autocommit mode: anything but reads and transaction
     * control (a BEGIN takes no lock; what follows it is the application's own transaction).
     */
    static boolean writes(String sql) {
        return sql != null && facts(sql).writes();
    }

    private static boolean parseWrites(String keyword) {
        switch (keyword) {
            case "", "BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE", "ATTACH", "DETACH", "PRAGMA":
                return false;
            default:
                return true;
        }
    }

    /** Whether the text may change the connection's busy timeout ({@code PRAGMA busy_timeout = N} anywhere in it). */
    static boolean mentionsBusyTimeout(String sql) {
        return sql != null && facts(sql).busyTimeout();
    }

    /** A pragma that only sets a property of the connection (see {@link #CONNECTION_PRAGMA}). */
    static boolean setsConnectionProperty(String sql) {
        return sql != null && CONNECTION_PRAGMA.matcher(sql).matches();
    }

    /** {@code PRAGMA query_only = X}: the new value, or null when the statement is something else. */
    static Boolean queryOnly(String sql) {
        Matcher matcher = QUERY_ONLY.matcher(sql);
        if (!matcher.matches()) {
            return null;
        }
        String value = matcher.group(1).toLowerCase(Locale.ROOT);
        return value.equals("1") || value.equals("true") || value.equals("on") || value.equals("yes");
    }

    /**
     * The savepoint a SAVEPOINT, RELEASE [SAVEPOINT] or ROLLBACK [TRANSACTION] TO [SAVEPOINT] statement names, as
     * SQLite compares names (case-insensitive, quotes removed), upper case; null for other statements.
     */
    static String savepointName(String sql) {
        if (sql == null) {
            return null;
        }
        Matcher matcher = SAVEPOINT_NAME.matcher(sql);
        if (!matcher.matches()) {
            return null;
        }
        String name = matcher.group(1);
        if (name.length() > 1 && "\"'`[".indexOf(name.charAt(0)) >= 0) {
            name = name.substring(1, name.length() - 1);
        }
        return name.toUpperCase(Locale.ROOT);
    }

    /** ROLLBACK TO [SAVEPOINT] x undoes part of a transaction and leaves it open. */
    static boolean isRollbackTo(String sql) {
        return sql.toUpperCase(Locale.ROOT).matches("\\s*ROLLBACK\\s+(TRANSACTION\\s+)?TO\\b.*");
    }
}
