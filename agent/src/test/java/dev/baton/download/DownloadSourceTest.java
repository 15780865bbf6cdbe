package dev.baton.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** What makes two transfers the same source: what selects their bytes, never the URL alone. */
class DownloadSourceTest {
    private static final URI URL = URI.create("http://127.0.0.1:9/data");

    @Test
    void requestsForAnotherRepresentationOrUserAreAnotherSource() {
        DownloadSource plain = request(Map.of());
        assertEquals(plain, request(Map.of()));
        assertNotEquals(plain, request(Map.of("Accept", "application/xml")));
        assertNotEquals(plain, request(Map.of("Authorization", "Bearer a")));
        assertNotEquals(request(Map.of("Cookie", "user=a")), request(Map.of("Cookie", "user=b")));
        assertNotEquals(plain, request(Map.of("Accept-Language", "fr")));
        assertEquals(request(Map.of("User-Agent", "x")), plain, "headers that select nothing do not split sources");
    }

    @Test
    void responsesOfAnotherVersionAreAnotherSourceAndOnlyIdentifiedOnesMayBeTakenLate() {
        DownloadSource v1 = response(Map.of("ETag", "\"v1\"", "Content-Length", "10"));
        assertEquals(v1, response(Map.of("ETag", "\"v1\"", "Content-Length", "10")));
        assertNotEquals(v1, response(Map.of("ETag", "\"v2\"", "Content-Length", "10")));
        assertNotEquals(v1, response(Map.of("ETag", "\"v1\"", "Content-Length", "11")));
        assertTrue(v1.lateReusable());
        assertTrue(response(Map.of("Last-Modified", "Mon, 30 Nov 2026 00:00:00 GMT")).lateReusable());
        DownloadSource unidentified = response(Map.of("Content-Length", "10"));
        assertFalse(unidentified.lateReusable(), "nothing tells this response's version from a changed resource's");
        assertNotEquals(unidentified, response(Map.of("Content-Length", "10", "Content-Type", "text/xml")));
    }

    private static DownloadSource request(Map<String, String> headers) {
        return DownloadSource.ofRequest(URL, null, name -> Optional.ofNullable(headers.get(name)));
    }

    private static DownloadSource response(Map<String, String> headers) {
        return DownloadSource.ofResponse(URL, headers::get);
    }
}
