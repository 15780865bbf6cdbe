package dev.baton.download;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import dev.baton.lock.Sha256;

/**
 * Where a transfer's bytes come from, as an identity two processes can compare: the normalised URL (scheme and host
 * in lower case, default port dropped, fragment dropped; user information and query kept, they may select the
 * resource) plus what else changes the bytes: the encoding, the request headers that select a representation
 * ({@link #ofRequest}), or the response's validators when the application already holds the response
 * ({@link #ofResponse}). Baton coalesces two
 * transfers into one target only when their sources are equal; lock records and file stamps carry only the digest,
 * so no credential or token is ever written to disk.
 */
final class DownloadSource {
    private static final int DIGEST_CHARS = 32;

    /** Request headers that choose which representation of a resource the server sends, or for whom. */
    private static final String[] SELECTING_HEADERS = {"Accept", "Accept-Language", "Authorization", "Cookie"};
    /** Response headers that tell one version of a resource from another. */
    private static final String[] VALIDATORS = {"ETag", "Last-Modified", "Content-Length", "Content-Type"};

    private final String digest;
    private final String display;
    private final boolean lateReusable;

    private DownloadSource(String digest, String display, boolean lateReusable) {
        this.digest = digest;
        this.display = display;
        this.lateReusable = lateReusable;
    }

    /** A network source (http or https), or null for anything else (local files, jar: URLs, ...). */
    static DownloadSource of(URI uri, String variant) {
        return of(uri, variant, "", true);
    }

    /**
     * The source of a request not sent yet (HttpClient): the request headers that select what the server sends
     * belong to its identity, so requests for different representations (or by different users) are never
     * coalesced. Only their digest is ever written anywhere.
     */
    static DownloadSource ofRequest(URI uri, String acceptEncoding, Function<String, Optional<String>> header) {
        StringBuilder selecting = new StringBuilder();
        for (String name : SELECTING_HEADERS) {
            header.apply(name).ifPresent(value -> selecting.append('\n').append(name).append(": ").append(value));
        }
        return of(uri, acceptEncoding, selecting.toString(), true);
    }

    /**
     * The source of a response the application holds (a connection's stream): the response's validators belong to
     * its identity, so a file published from another version of the resource (another ETag, date, length or type:
     * a changed resource, or another representation the request asked for) is never taken for this one. Only a
     * response with an ETag or a Last-Modified date may take a peer's earlier publish (a late arrival, {@link
     * #lateReusable}): without either, Baton cannot tell whether the resource changed since.
     */
    static DownloadSource ofResponse(URI uri, Function<String, String> header) {
        StringBuilder validators = new StringBuilder();
        for (String name : VALIDATORS) {
            String value = header.apply(name);
            if (value != null) {
                validators.append('\n').append(name).append(": ").append(value.trim());
            }
        }
        boolean identified = header.apply("ETag") != null || header.apply("Last-Modified") != null;
        return of(uri, header.apply("Content-Encoding"), validators.toString(), identified);
    }

    private static DownloadSource of(URI uri, String variant, String exactVariant, boolean lateReusable) {
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
        String identity = normalised + "\n" + (variant == null ? "" : variant.trim().toLowerCase(Locale.ROOT))
                + exactVariant;
        return new DownloadSource(sha256(identity).substring(0, DIGEST_CHARS), Redaction.url(uri.toString()),
                lateReusable);
    }

    /**
     * Whether a peer's publish of this source shortly before (a late arrival, baton.download.reuseWindow) may be
     * taken: false for a response that carries nothing telling its version (no ETag, no Last-Modified).
     */
    boolean lateReusable() {
        return lateReusable;
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
