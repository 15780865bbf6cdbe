package dev.baton.it.harness;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 serving one deterministic file, slowly, so that concurrent downloads really
 * overlap. Counts requests, complete transfers and bytes sent; can answer the first requests with 503.
 */
public final class CountingHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final byte[] content;
    private final int chunk;
    private final long pauseMillisPerChunk;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger completeTransfers = new AtomicInteger();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicInteger failuresToServe = new AtomicInteger();
    private volatile CountDownLatch rendezvous = new CountDownLatch(0);
    private volatile long rendezvousMillis;

    /**
     * @param size bytes in the file
     * @param throughputBytesPerSecond pacing of the response: a slow link that keeps the race window open
     */
    public CountingHttpServer(int size, int throughputBytesPerSecond) throws IOException {
        this(randomBytes(size), throughputBytesPerSecond);
    }

    /**
     * Serves {@code content} (a real artifact: a Maven distribution, a node archive) at every path.
     *
     * @param throughputBytesPerSecond pacing of each response: a slow link that keeps the race window open
     */
    public CountingHttpServer(byte[] content, int throughputBytesPerSecond) throws IOException {
        this.content = content;
        this.chunk = 16 * 1024;
        this.pauseMillisPerChunk = Math.max(1, 1000L * chunk / throughputBytesPerSecond);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    /** The next {@code count} requests get 503 Service Unavailable, to exercise retries. */
    public void failNext(int count) {
        failuresToServe.set(count);
    }

    /**
     * Holds every response until {@code requests} requests have arrived (or {@code max} has passed): the clients
     * then overlap however slowly their JVMs started, so a race between them is shown on any machine.
     */
    public void rendezvous(int requests, Duration max) {
        rendezvousMillis = max.toMillis();
        rendezvous = new CountDownLatch(requests);
    }

    /** Lets every request held at the rendezvous go on now (a test that has seen what it waited for). */
    public void openRendezvous() {
        CountDownLatch meeting = rendezvous;
        while (meeting.getCount() > 0) {
            meeting.countDown();
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** GET requests (HEAD requests are answered but not counted). */
    public int requests() {
        return requests.get();
    }

    public int completeTransfers() {
        return completeTransfers.get();
    }

    public long bytesSent() {
        return bytesSent.get();
    }

    public int size() {
        return content.length;
    }

    public String sha256() {
        return sha256(content);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        if ("HEAD".equals(exchange.getRequestMethod())) {
            // An existence check (Ivy asks before it downloads): the size, no body; not a request for the file.
            try (exchange) {
                exchange.getResponseHeaders().set("Content-Length", String.valueOf(content.length));
                exchange.sendResponseHeaders(200, -1);
            }
            return;
        }
        requests.incrementAndGet();
        CountDownLatch meeting = rendezvous;
        meeting.countDown();
        try (exchange) {
            awaitQuietly(meeting);
            if (failuresToServe.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            exchange.sendResponseHeaders(200, content.length);
            OutputStream body = exchange.getResponseBody();
            for (int offset = 0; offset < content.length; offset += chunk) {
                int length = Math.min(chunk, content.length - offset);
                body.write(content, offset, length);
                body.flush();
                bytesSent.addAndGet(length);
                pace();
            }
            completeTransfers.incrementAndGet();
        } catch (IOException clientWentAway) {
            // A killed downloader: the transfer is not complete, which is what the counters say.
        }
    }

    private void awaitQuietly(CountDownLatch meeting) throws IOException {
        try {
            meeting.await(rendezvousMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    /** Deliberate pacing of the response stream (a slow link), not a wait for something to happen. */
    private void pace() throws IOException {
        try {
            TimeUnit.MILLISECONDS.sleep(pauseMillisPerChunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
