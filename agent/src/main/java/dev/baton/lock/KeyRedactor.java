package dev.baton.lock;


/**
 * Makes a lock key fit for logs, JFR and lock files: URL user information (credentials) and query strings (tokens,
 * signatures) are removed, as is a fragment. Anything that is not a URL is kept as it is.
 */
public final class KeyRedactor {
    private static final int MAX_LENGTH = 300;

    private KeyRedactor() {
    }

    public static String redact(String key) {
        String redacted = withoutSecrets(key);
        if (redacted.length() > MAX_LENGTH) {
            redacted = redacted.substring(0, MAX_LENGTH) + "...";
        }
        return redacted;
    }

    /**
     * scheme://[userinfo@]rest[?query][#fragment] becomes scheme://rest; userinfo cannot contain '/', '?', '#'.
     * Read by hand: a regular expression would cost the first lock of every JVM the time to compile it.
     */
    private static String withoutSecrets(String key) {
        int separator = key.indexOf("://");
        if (separator <= 0 || !isScheme(key, separator)) {
            return key;
        }
        int rest = separator + 3;
        int userInfoEnd = rest;
        while (userInfoEnd < key.length() && "/?#@".indexOf(key.charAt(userInfoEnd)) < 0) {
            userInfoEnd++;
        }
        if (userInfoEnd < key.length() && key.charAt(userInfoEnd) == '@') {
            rest = userInfoEnd + 1;
        }
        int end = rest;
        while (end < key.length() && key.charAt(end) != '?' && key.charAt(end) != '#') {
            end++;
        }
        return key.substring(0, separator + 3) + key.substring(rest, end);
    }

    /** A letter, then letters, digits, '+', '.' or '-'. */
    private static boolean isScheme(String key, int length) {
        for (int i = 0; i < length; i++) {
            char c = key.charAt(i);
            boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
            if (!letter && (i == 0 || !(c >= '0' && c <= '9' || c == '+' || c == '.' || c == '-'))) {
                return false;
            }
        }
        return true;
    }
}
