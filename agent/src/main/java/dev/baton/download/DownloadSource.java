package dev.baton.download;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

import dev.baton.lock.Sha256;

/**
 * Where a transfer's bytes come from, as an identity two processes can compare: the normalised URL (scheme and host
 * in lower case, default port dropped, fragment dropped; user information and query kept, they may select the
 * resource) plus what else changes the bytes (a {@code Content-Encoding} the server chose). Baton coalesces two
 * transfers into one target only when their sources are equal; lock records and file stamps carry only the digest,
 * so no credential or token is ever written to disk.
 */
final class DownloadSource {
    private static final int DIGEST_CHARS = 32;

    private final String digest;
    private final String display;

    private DownloadSource(String digest, String display) {
        this.digest = digest;
        this.display = display;
    }

    /** A network source (http or https), or null for anything else (local files, jar: URLs, ...). */
    static DownloadSource of(URI uri, String variant) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!isNetwork(scheme) || uri.getHost() == null) {
            return null;
        }
        int port = uri.getPort() == defaultPort(scheme) ? -1 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder normalised = new StringBuilder(scheme).append("://");
        if (uri.getRawUserInfo() != null) {
            normalised.append(uri.getRawUserInfo()).append('@');
        }
        normalised.append(uri.getHost().toLowerCase(Locale.ROOT));
        if (port >= 0) {
            normalised.append(':').append(port);
        }
        normalised.append(path);
        if (uri.getRawQuery() != null) {
            normalised.append('?').append(uri.getRawQuery());
        }
        String identity = normalised + "\n" + (variant == null ? "" : variant.trim().toLowerCase(Locale.ROOT));
        return new DownloadSource(sha256(identity).substring(0, DIGEST_CHARS), Redaction.url(uri.toString()));
    }

    static boolean isNetwork(String scheme) {
        return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
    }

    private static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }

    /** 32 hex digits that name the source without revealing it. */
    String digest() {
        return digest;
    }

    /** What a holder writes into the lock record when it published this source. */
    String doneDetail() {
        return "source " + digest;
    }

    /** For logs and events: no user information, no query. */
    String display() {
        return display;
    }

    /** Through Baton's own SHA-256: MessageDigest would set up the security providers in every downloading JVM. */
    private static String sha256(String text) {
        return HexFormat.of().formatHex(Sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DownloadSource other && digest.equals(other.digest);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }

    @Override
    public String toString() {
        return display;
    }
}
