package dev.baton.download;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLSession;

/**
 * The HttpResponse an ofFile download returns: the real response with the body naming the application's path
 * (Baton's transfer went to a temp file), or, when a peer already downloaded the file, a 200 made by Baton.
 */
final class FileResponse implements HttpResponse<Path> {
    private final HttpRequest request;
    private final Path body;
    private final HttpResponse<?> real;

    FileResponse(HttpRequest request, Path body, HttpResponse<?> real) {
        this.request = request;
        this.body = body;
        this.real = real;
    }

    @Override
    public int statusCode() {
        return real == null ? 200 : real.statusCode();
    }

    @Override
    public HttpRequest request() {
        return real == null ? request : real.request();
    }

    @Override
    public Optional<HttpResponse<Path>> previousResponse() {
        return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
        return real == null ? HttpHeaders.of(Map.of(), (name, value) -> true) : real.headers();
    }

    @Override
    public Path body() {
        return body;
    }

    @Override
    public Optional<SSLSession> sslSession() {
        return real == null ? Optional.empty() : real.sslSession();
    }

    @Override
    public URI uri() {
        return real == null ? request.uri() : real.uri();
    }

    @Override
    public HttpClient.Version version() {
        return real == null ? HttpClient.Version.HTTP_1_1 : real.version();
    }

    @Override
    public String toString() {
        return "(" + request.method() + " " + uri() + ") " + statusCode();
    }
}
