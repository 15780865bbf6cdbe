package dev.baton.sqlite;

import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/**
 * The connection settings Baton adds when the application chose none: sqlite-jdbc reads them from the Properties
 * given to {@code JDBC.createConnection} and from the URL's query ({@code jdbc:sqlite:x.db?busy_timeout=1000}), so a
 * key present in either is the application's choice and is left alone. The busy timeout goes in as a property, not
 * as a PRAGMA statement, so the driver's own config (and {@code getBusyTimeout()}) agrees with SQLite.
 */
final class ConnectionDefaults {
    static final String BUSY_TIMEOUT = "busy_timeout";
    static final String JOURNAL_MODE = "journal_mode";
    static final String SYNCHRONOUS = "synchronous";
    static final int DRIVER_DEFAULT_BUSY_TIMEOUT = 3000;

    private final Duration busyTimeout;
    private final boolean wal;

    ConnectionDefaults(Duration busyTimeout, boolean wal) {
        this.busyTimeout = busyTimeout;
        this.wal = wal;
    }

    /** A copy of the application's properties with Baton's defaults added; the application's object is untouched. */
    Properties apply(String url, Properties given) {
        Properties effective = new Properties();
        if (given != null) {
            for (String name : given.stringPropertyNames()) {
                effective.setProperty(name, given.getProperty(name));
            }
        }
        addUnlessChosen(url, effective, BUSY_TIMEOUT, Long.toString(busyTimeout.toMillis()));
        if (wal && !chosen(url, effective, JOURNAL_MODE)) {
            effective.setProperty(JOURNAL_MODE, "WAL");
            addUnlessChosen(url, effective, SYNCHRONOUS, "NORMAL");
        }
        return effective;
    }

    /**
     * The busy timeout a connection opens with: the URL's {@code busy_timeout}, else the property (Baton's default
     * is among them after {@link #apply}); sqlite-jdbc's own default, 3000 ms, when neither says.
     */
    int busyTimeoutMillis(String url, Properties effective) {
        String value = queryParameter(url, BUSY_TIMEOUT);
        if (value == null) {
            value = effective.getProperty(BUSY_TIMEOUT);
        }
        try {
            return value == null ? DRIVER_DEFAULT_BUSY_TIMEOUT : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return DRIVER_DEFAULT_BUSY_TIMEOUT;
        }
    }

    private static String queryParameter(String url, String key) {
        int query = url == null ? -1 : url.indexOf('?');
        if (query < 0) {
            return null;
        }
        for (String parameter : url.substring(query + 1).split("&")) {
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).strip().toLowerCase(Locale.ROOT).equals(key)) {
                return parameter.substring(equals + 1);
            }
        }
        return null;
    }

    private static void addUnlessChosen(String url, Properties properties, String key, String value) {
        if (!chosen(url, properties, key)) {
            properties.setProperty(key, value);
        }
    }

    static boolean chosen(String url, Properties properties, String key) {
        for (String name : properties.stringPropertyNames()) {
            if (name.equalsIgnoreCase(key)) {
                return true;
            }
        }
        int query = url == null ? -1 : url.indexOf('?');
        if (query < 0) {
            return false;
        }
        for (String parameter : url.substring(query + 1).split("&")) {
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            if (name.strip().toLowerCase(Locale.ROOT).equals(key)) {
                return true;
            }
        }
        return false;
    }
}
