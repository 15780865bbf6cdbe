package dev.baton.samples.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpServer;

/** Eight CarelessFetchers fill one cache file from a slow HTTP server on 127.0.0.1. */
final class DownloadScenario implements Scenario {
    private static final int PROCESSES = 8;
    private static final int SIZE = 4 * 1024 * 1024;

    @Override
    public String name() {
        return "downloads (8 x CarelessFetcher, HttpClient)";
    }

    @Override
    public String run(Launcher launcher, Path work, boolean withBaton) throws Exception {
        AtomicInteger complete = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.sendResponseHeaders(200, SIZE);
                OutputStream body = exchange.getResponseBody();
                byte[] chunk = new byte[64 * 1024];
                for (int sent = 0; sent < SIZE; sent += chunk.length) {
                    body.write(chunk);
                    bytes.addAndGet(chunk.length);
                    pace();
                }
                complete.incrementAndGet();
            } catch (IOException clientLeft) {
                // counted as incomplete
            }
        });
        server.start();
        long start = System.nanoTime();
        int failures = 0;
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/tool.tar.gz";
            List<Launcher.Child> children = new ArrayList<>();
            for (int i = 0; i < PROCESSES; i++) {
                children.add(launcher.start(work, withBaton, Map.of(), "dev.baton.samples.download.CarelessFetcher",
                        "http-client", url, work.resolve("cache/tool.tar.gz")));
            }
            for (Launcher.Child child : children) {
                failures += child.awaitExit() == 0 ? 0 : 1;
            }
        } finally {
            server.stop(0);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format("%d transfers, %.1f MB served, %d failed, %.1f s", complete.get(),
                bytes.get() / 1048576.0, failures, seconds);
    }

    /** A slow link (about 2 MB/s), so the eight downloads overlap as they would on a real network. */
    private static void pace() throws IOException {
        try {
            Thread.sleep(30);
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }
}
