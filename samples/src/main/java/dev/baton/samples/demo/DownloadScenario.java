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

/**
 * Eight CarelessFetchers fill one cache file from an HTTP server on 127.0.0.1 behind a shared 2 MB/s link.
 *
 * <p>The link is shared by all connections, as a real network link or a rate-limited mirror is: eight parallel
 * downloads each get an eighth of it. A server that paced each connection on its own would make eight downloads as
 * fast as one, and the demo would show only Baton's start-up cost, never what coalescing saves a user.
 */
final class DownloadScenario implements Scenario {
    private static final int PROCESSES = 8;
    private static final int SIZE = 4 * 1024 * 1024;
    private static final long LINK_BYTES_PER_SECOND = 2L * 1024 * 1024;

    @Override
    public String name() {
        return "downloads (8 x CarelessFetcher, HttpClient, one 2 MB/s link)";
    }

    @Override
    public String run(Launcher launcher, Path work, boolean withBaton) throws Exception {
        AtomicInteger complete = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        SharedLink link = new SharedLink(LINK_BYTES_PER_SECOND);
        AtomicLong firstRequest = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try (exchange) {
                firstRequest.compareAndSet(0, System.nanoTime());
                exchange.sendResponseHeaders(200, SIZE);
                OutputStream body = exchange.getResponseBody();
                byte[] chunk = new byte[64 * 1024];
                for (int sent = 0; sent < SIZE; sent += chunk.length) {
                    link.waitForTurn(chunk.length);
                    body.write(chunk);
                    bytes.addAndGet(chunk.length);
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
        // Start-up and transfer apart: on a busy machine eight JVMs (with Baton, each also recording JFR) take
        // seconds to reach their first request, and that is not what coalescing changes.
        double startup = firstRequest.get() == 0 ? seconds : (firstRequest.get() - start) / 1e9;
        return String.format("%d transfer%s, %.0f MB over the link (busy %.1f s), %d failed; all done %.1f s after"
                + " launch, first request at %.1f s", complete.get(), complete.get() == 1 ? "" : "s",
                bytes.get() / 1048576.0, link.busySeconds(), failures, seconds, startup);
    }

    /** A link of fixed bandwidth shared by every connection: each chunk waits for its slot on the wire. */
    private static final class SharedLink {
        private final long nanosPerByte;
        private long nextFree = System.nanoTime();
        private long busyNanos;

        SharedLink(long bytesPerSecond) {
            this.nanosPerByte = 1_000_000_000L / bytesPerSecond;
        }

        void waitForTurn(int bytes) throws IOException {
            long slotEnd;
            synchronized (this) {
                nextFree = Math.max(nextFree, System.nanoTime()) + bytes * nanosPerByte;
                busyNanos += bytes * nanosPerByte;
                slotEnd = nextFree;
            }
            try {
                long wait = slotEnd - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
        }

        synchronized double busySeconds() {
            return busyNanos / 1e9;
        }
    }
}
