package dev.baton.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Keys lose credentials, query and fragment; anything that is not a URL stays as it is. */
class KeyRedactorTest {
    /** The rule as a regular expression, as it was written first: the hand-written reading must agree. */
    private static final Pattern URL = Pattern.compile(
            "^([a-zA-Z][a-zA-Z0-9+.\\-]*://)(?:[^/?#@]*@)?([^?#]*)(?:\\?[^#]*)?(?:#.*)?$", Pattern.DOTALL);

    @Test
    void removesUserInfoQueryAndFragment() {
        assertEquals("https://repo.example/a.jar", KeyRedactor.redact("https://user:secret@repo.example/a.jar?t=1#x"));
        assertEquals("/cache/tool.tar.gz", KeyRedactor.redact("/cache/tool.tar.gz"));
    }

    @Test
    void agreesWithTheRegularExpression() {
        for (String key : List.of("", "http://", "https://a", "https://u@h/p", "https://u:p@h:8080/p?q#f",
                "s3+x.y-z://b/k", "1http://a/b", "h ttp://a", "http://a/b@c/d", "http://a?b@c", "http://a#b?c",
                "http://u@h?x", "ftp://u@@h/p", "x://\nnew\nline?q", "://nohost", "a://b://c", "/p?x://y",
                "C:\\dir\\file", "mailto:user@host", "jar:file:/a.jar!/x", "http://host/path with space")) {
            Matcher m = URL.matcher(key);
            String expected = m.matches() ? m.group(1) + m.group(2) : key;
            assertEquals(expected, KeyRedactor.redact(key), key);
        }
    }
}
