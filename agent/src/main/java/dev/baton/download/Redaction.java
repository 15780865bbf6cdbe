package dev.baton.download;

import java.net.URI;

/** URLs as they may appear in logs and events: no user information (passwords, tokens) and no query string. */
final class Redaction {
    private Redaction() {
    }

    static String url(String url) {
        if (url == null) {
            return "";
        }
        try {
            URI uri = URI.create(url);
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (Exception e) {
            int query = url.indexOf('?');
            String noQuery = query < 0 ? url : url.substring(0, query);
            int at = noQuery.indexOf('@');
            int scheme = noQuery.indexOf("://");
            return at > scheme && scheme >= 0 ? noQuery.substring(0, scheme + 3) + noQuery.substring(at + 1) : noQuery;
        }
    }
}
