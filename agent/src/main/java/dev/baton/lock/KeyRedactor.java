package dev.baton.lock;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a lock key fit for logs, JFR and lock files: URL user information (credentials) and query strings (tokens,
 * signatures) are removed, as is a fragment. Anything that is not a URL is kept as it is.
 */
public final class KeyRedactor {
    /** scheme://[userinfo@]rest[?query][#fragment]; userinfo cannot contain '/', '?', '#'. */
    private static final Pattern URL = Pattern.compile(
            "^([a-zA-Z][a-zA-Z0-9+.\\-]*://)(?:[^/?#@]*@)?([^?#]*)(?:\\?[^#]*)?(?:#.*)?$", Pattern.DOTALL);
    private static final int MAX_LENGTH = 300;

    private KeyRedactor() {
    }

    public static String redact(String key) {
        Matcher url = URL.matcher(key);
        String redacted = url.matches() ? url.group(1) + url.group(2) : key;
        if (redacted.length() > MAX_LENGTH) {
            redacted = redacted.substring(0, MAX_LENGTH) + "...";
        }
        return redacted;
    }
}
