package dev.baton.it.apps;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Downloads a URL with {@code Files.copy(connection.getInputStream(), target, REPLACE_EXISTING)}, the most common
 * download idiom, once told to: prints {@code ready}, waits for a line on stdin, then copies and prints
 * {@code copied N} (what Files.copy returned).
 *
 * <p>Usage: StreamCopyApp URL TARGET [ACCEPT] (ACCEPT: the request's Accept header)
 */
public final class StreamCopyApp {
    private StreamCopyApp() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("ready");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        URLConnection connection = URI.create(args[0]).toURL().openConnection();
        if (args.length > 2) {
            connection.setRequestProperty("Accept", args[2]);
        }
        try (InputStream in = connection.getInputStream()) {
            long copied = Files.copy(in, Path.of(args[1]), StandardCopyOption.REPLACE_EXISTING);
            System.out.println("copied " + copied);
        }
    }
}
