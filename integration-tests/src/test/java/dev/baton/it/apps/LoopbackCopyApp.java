package dev.baton.it.apps;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

import com.sun.net.httpserver.HttpServer;

/**
 * Copies a download from its own HTTP server on 127.0.0.1 into a file with {@code Files.copy}: a JDK method whose
 * rewritten code calls Baton's bridge, so the copy is coordinated only if the bootstrap loader can see the bridge.
 *
 * <p>Usage: LoopbackCopyApp TARGET
 */
public final class LoopbackCopyApp {
    private LoopbackCopyApp() {
    }

    public static void main(String[] args) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.createContext("/", exchange -> {
            try (exchange; OutputStream body = exchange.getResponseBody()) {
                exchange.sendResponseHeaders(200, 3);
                body.write("abc".getBytes());
            }
        });
        server.start();
        try (InputStream in = new URL("http://127.0.0.1:" + server.getAddress().getPort() + "/file").openStream()) {
            Files.copy(in, Path.of(args[0]));
        } finally {
            server.stop(0);
        }
        System.out.println("copied " + Files.size(Path.of(args[0])));
    }
}
