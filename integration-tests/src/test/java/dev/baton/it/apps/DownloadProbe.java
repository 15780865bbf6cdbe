package dev.baton.it.apps;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import org.apache.commons.io.FileUtils;

/**
 * Downloads and copies as applications write them, reporting what the call returned: {@code RESULT <value>} or
 * {@code FAILED <exception class>: <message>} on stdout (the process exits 0 either way).
 *
 * <p>Usage: DownloadProbe MODE ARGS... where MODE is
 * <ul>
 * <li>{@code files-copy URL TARGET [replace]}: {@code Files.copy(url.openStream(), target[, REPLACE_EXISTING])};</li>
 * <li>{@code files-copy-buffered URL TARGET}: the same through a {@code BufferedInputStream}, replacing;</li>
 * <li>{@code files-copy-after-peek URL TARGET}: reads the first byte itself, then copies the rest, replacing;</li>
 * <li>{@code commons-io URL TARGET}: {@code FileUtils.copyURLToFile};</li>
 * <li>{@code commons-io-timeouts URL TARGET}: {@code copyURLToFile} with a 300 ms read timeout;</li>
 * <li>{@code http-client-timeout URL TARGET}: {@code HttpClient.send} of a request with a 300 ms timeout;</li>
 * <li>{@code commons-io-stream URL TARGET}: {@code FileUtils.copyInputStreamToFile(url.openStream(), target)};</li>
 * <li>{@code http-client URL TARGET}: {@code HttpClient.send} with {@code BodyHandlers.ofFile} (RESULT: status);</li>
 * <li>{@code http-client-append URL... TARGET}: each URL with {@code BodyHandlers.ofFile(target, CREATE, WRITE,
 * APPEND)} (RESULT: the file's size);</li>
 * <li>{@code local-copies DIR COUNT}: COUNT copies of in-memory streams into DIR (REPLACE_EXISTING);</li>
 * <li>{@code late IDIOM URL TARGET GO}: checks whether TARGET exists (prints {@code CHECKED true|false}), waits for
 * the file GO, then, if it did not exist, downloads with IDIOM: a late arrival.</li>
 * </ul>
 */
public final class DownloadProbe {
    private DownloadProbe() {
    }

    public static void main(String[] args) throws Exception {
        try {
            System.out.println("RESULT " + run(args[0], Arrays.copyOfRange(args, 1, args.length)));
        } catch (Exception e) {
            System.out.println("FAILED " + e.getClass().getName() + ": " + e.getMessage());
        }
    }

    private static Object run(String mode, String[] args) throws Exception {
        switch (mode) {
            case "files-copy":
                try (InputStream in = url(args[0]).openStream()) {
                    return args.length > 2 ? Files.copy(in, Path.of(args[1]), StandardCopyOption.REPLACE_EXISTING)
                            : Files.copy(in, Path.of(args[1]));
                }
            case "files-copy-buffered":
                try (InputStream in = new java.io.BufferedInputStream(url(args[0]).openStream())) {
                    return Files.copy(in, Path.of(args[1]), StandardCopyOption.REPLACE_EXISTING);
                }
            case "files-copy-after-peek":
                try (InputStream in = url(args[0]).openStream()) {
                    in.read();
                    return Files.copy(in, Path.of(args[1]), StandardCopyOption.REPLACE_EXISTING);
                }
            case "commons-io":
                FileUtils.copyURLToFile(url(args[0]), Path.of(args[1]).toFile());
                return Files.size(Path.of(args[1]));
            case "commons-io-timeouts":
                // The application's own policy: 2 s to connect, 300 ms for each read.
                FileUtils.copyURLToFile(url(args[0]), Path.of(args[1]).toFile(), 2000, 300);
                return Files.size(Path.of(args[1]));
            case "http-client-timeout":
                HttpResponse<Path> timed = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create(args[0])).timeout(java.time.Duration.ofMillis(300)).build(),
                        HttpResponse.BodyHandlers.ofFile(Path.of(args[1])));
                return timed.statusCode();
            case "commons-io-stream":
                try (InputStream in = url(args[0]).openStream()) {
                    FileUtils.copyInputStreamToFile(in, Path.of(args[1]).toFile());
                }
                return Files.size(Path.of(args[1]));
            case "http-client":
                HttpResponse<Path> response = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create(args[0])).build(),
                        HttpResponse.BodyHandlers.ofFile(Path.of(args[1])));
                return response.statusCode();
            case "http-client-append":
                // ofFile with the caller's own open options: each body is appended to the file.
                HttpClient appender = HttpClient.newHttpClient();
                for (int i = 0; i + 1 < args.length; i++) {
                    appender.send(HttpRequest.newBuilder(URI.create(args[i])).build(), HttpResponse.BodyHandlers
                            .ofFile(Path.of(args[args.length - 1]), StandardOpenOption.CREATE,
                                    StandardOpenOption.WRITE, StandardOpenOption.APPEND));
                }
                return Files.size(Path.of(args[args.length - 1]));
            case "local-copies":
                return localCopies(Path.of(args[0]), Integer.parseInt(args[1]));
            case "late":
                boolean existed = Files.exists(Path.of(args[2]));
                System.out.println("CHECKED " + existed);
                System.out.flush();
                while (!Files.exists(Path.of(args[3]))) {
                    Thread.sleep(10);
                }
                return existed ? "cached" : run(args[0], new String[] {args[1], args[2]});
            default:
                throw new IllegalArgumentException(mode);
        }
    }

    private static long localCopies(Path dir, int count) throws Exception {
        byte[] content = new byte[1024];
        long total = 0;
        Files.createDirectories(dir);
        for (int i = 0; i < count; i++) {
            total += Files.copy(new ByteArrayInputStream(content), dir.resolve("f-" + (i % 50)),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        return total;
    }

    private static URL url(String text) throws Exception {
        return URI.create(text).toURL();
    }
}
