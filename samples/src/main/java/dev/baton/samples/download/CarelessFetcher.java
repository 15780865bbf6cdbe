package dev.baton.samples.download;

import java.io.File;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.io.FileUtils;

/**
 * A legacy cache fill as found in many build tools: "if the file is not there, download it". Run eight of these at
 * once on one cache directory and they all download, overwrite each other's half-written files, and readers see
 * partial files. Knows nothing of Baton.
 *
 * <p>Usage: CarelessFetcher IDIOM URL TARGET, IDIOM one of files-copy, http-client, http-client-async,
 * http-client-push (sendAsync with a handler for HTTP/2 server pushes), commons-io, commons-io-stream.
 */
public final class CarelessFetcher {
    private CarelessFetcher() {
    }

    public static void main(String[] args) throws Exception {
        String idiom = args[0];
        URL url = URI.create(args[1]).toURL();
        Path target = Path.of(args[2]);
        if (Files.exists(target)) {
            System.out.println("cached " + Files.size(target));
            return;
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        switch (idiom) {
            case "files-copy":
                try (InputStream in = url.openStream()) {
                    Files.copy(in, target);
                }
                break;
            case "http-client":
                HttpClient client = HttpClient.newHttpClient();
                HttpResponse<Path> response = client.send(HttpRequest.newBuilder(url.toURI()).build(),
                        HttpResponse.BodyHandlers.ofFile(target));
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + response.statusCode());
                }
                break;
            case "http-client-async":
                HttpResponse<Path> async = HttpClient.newHttpClient()
                        .sendAsync(HttpRequest.newBuilder(url.toURI()).build(), HttpResponse.BodyHandlers.ofFile(target))
                        .join();
                if (async.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + async.statusCode());
                }
                break;
            case "http-client-push":
                HttpResponse<Path> pushing = HttpClient.newHttpClient()
                        .sendAsync(HttpRequest.newBuilder(url.toURI()).build(), HttpResponse.BodyHandlers.ofFile(target),
                                (initiating, pushed, accept) -> System.out.println("push " + pushed.uri()))
                        .join();
                if (pushing.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + pushing.statusCode());
                }
                break;
            case "commons-io":
                FileUtils.copyURLToFile(url, target.toFile(), 10_000, 30_000);
                break;
            case "commons-io-stream":
                try (InputStream in = url.openStream()) {
                    FileUtils.copyInputStreamToFile(in, new File(target.toString()));
                }
                break;
            default:
                throw new IllegalArgumentException("unknown idiom " + idiom);
        }
        System.out.println("fetched " + Files.size(target));
    }
}
