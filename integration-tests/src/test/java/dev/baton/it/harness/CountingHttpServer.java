package dev.baton.it.harness;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;


/**
 * A real HTTP/1.1 server on 127.0.0.1 serving deterministic files, slowly, so that concurrent downloads really
 * overlap. Counts what a network would see: requests, responses started, responses sent completely, responses the
 * client abandoned midway (a started-then-aborted duplicate is a cost too), and bytes sent.
 *
 * <p>Each connection's send buffer is small (64 KiB), as a real link's bandwidth-delay product is: a client that
 * stops reading holds back its response within a few chunks, so an abandoned response shows as aborted instead of
 * vanishing whole into the loopback's multi-megabyte socket buffers. One request per connection
 * ({@code Connection: close}).
 *
 * <p>Pacing is per response ({@code bytesPerSecond} each), or, with {@link #shareBandwidth}, one uplink whose
 * capacity all responses share, as a real server's link is: eight clients then each get an eighth.
 */
public final class CountingHttpServer implements AutoCloseable {
    private static final int CHUNK = 16 * 1024;

    private static final int SEND_BUFFER = 64 * 1024;

    private final ServerSocket server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final byte[] content;
    private final Map<String, byte[]> otherResources = new ConcurrentHashMap<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final long pauseNanosPerChunk;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger startedTransfers = new AtomicInteger();
    private final AtomicInteger completeTransfers = new AtomicInteger();
    private final AtomicInteger abortedTransfers = new AtomicInteger();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicInteger failuresToServe = new AtomicInteger();
    private volatile long failureDelayMillis;
    private volatile int failureStatus = 503;
    private final AtomicInteger resetsToServe = new AtomicInteger();
    private final AtomicInteger bodiesToBreak = new AtomicInteger();
    private final AtomicLong firstRequestNanos = new AtomicLong();
    private volatile CountDownLatch rendezvous = new CountDownLatch(0);
    private volatile long rendezvousMillis;
    private volatile long stallAfterBytes = Long.MAX_VALUE;
    private volatile CountDownLatch stall = new CountDownLatch(0);
    private volatile SharedLink sharedLink;

    /**
     * @param size bytes in the file
     * @param throughputBytesPerSecond pacing of each response: a slow link that keeps the race window open
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
        this.pauseNanosPerChunk = Math.max(1_000_000L, 1_000_000_000L * CHUNK / throughputBytesPerSecond);
        this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        executor.execute(this::accept);
    }

    /** Serves {@code path} with its own content (deterministic, {@code size} bytes from {@code seed}). */
    public byte[] serve(String path, int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        otherResources.put(path, bytes);
        return bytes;
    }

    /** Answers {@code path} with {@code status} and a small error page as its body. */
    public void answer(String path, int status, String page) {
        statuses.put(path, status);
        otherResources.put(path, page.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * From now on all responses together send at most {@code bytesPerSecond}: a server's uplink shared by its
     * clients, instead of a separate slow line per client.
     */
    public void shareBandwidth(long bytesPerSecond) {
        sharedLink = new SharedLink(bytesPerSecond);
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    /** The next {@code count} requests get 503 Service Unavailable, to exercise retries. */
    public void failNext(int count) {
        failNext(count, 503);
    }

    /** The next {@code count} requests get {@code status} (with an empty body) instead of the file. */
    public void failNext(int count, int status) {
        failureStatus = status;
        failuresToServe.set(count);
    }

    /** Each 503 of {@link #failNext} comes only after {@code delay}: a server that is slow to fail. */
    public void failSlowly(Duration delay) {
        failureDelayMillis = delay.toMillis();
    }

    /** The next {@code count} requests are read and then answered with a TCP reset instead of a response. */
    public void resetNext(int count) {
        resetsToServe.set(count);
    }

    /**
     * The next {@code count} responses send 200, the full Content-Length and the first chunk of the body, then a
     * TCP reset: a transfer broken midway.
     */
    public void breakNextBodies(int count) {
        bodiesToBreak.set(count);
    }

    /**
     * Holds every response until {@code requests} requests have arrived (or {@code max} has passed): the clients
     * then overlap however slowly their JVMs started, so a race between them is shown on any machine.
     */
    public void rendezvous(int requests, Duration max) {
        rendezvousMillis = max.toMillis();
        rendezvous = new CountDownLatch(requests);
    }

    /**
     * Every response stops after its first {@code bytes} bytes until {@link #resume()}: a transfer that is surely
     * in progress while the test does something else.
     */
    public void stallAfter(long bytes) {
        stall = new CountDownLatch(1);
        stallAfterBytes = bytes;
    }

    public void resume() {
        stall.countDown();
    }

    /** Lets every request held at the rendezvous go on now (a test that has seen what it waited for). */
    public void openRendezvous() {
        CountDownLatch meeting = rendezvous;
        while (meeting.getCount() > 0) {
            meeting.countDown();
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
    }

    /** GET requests (HEAD requests are answered but not counted). */
    public int requests() {
        return requests.get();
    }

    /** Responses whose body started (status 200 sent). */
    public int startedTransfers() {
        return startedTransfers.get();
    }

    public int completeTransfers() {
        return completeTransfers.get();
    }

    /** Responses the client abandoned before the last byte. */
    public int abortedTransfers() {
        return abortedTransfers.get();
    }

    public long bytesSent() {
        return bytesSent.get();
    }

    /** System.nanoTime() of the first request, 0 before it. */
    public long firstRequestNanos() {
        return firstRequestNanos.get();
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

    /** A counting summary for assertion messages. */
    public String counts() {
        return "requests " + requests() + ", started " + startedTransfers() + ", complete " + completeTransfers()
                + ", aborted " + abortedTransfers() + ", bytes " + bytesSent();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setSendBufferSize(SEND_BUFFER);
                executor.execute(() -> serve(socket));
            } catch (IOException | java.util.concurrent.RejectedExecutionException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        boolean started = false;
        try (socket) {
            String[] request = requestLine(socket.getInputStream());
            if (request == null) {
                return;
            }
            String path = URI.create(request[1]).getPath();
            OutputStream out = socket.getOutputStream();
            if (request[0].equals("HEAD")) {
                // An existence check (Ivy asks before it downloads): the size, no body; not a request for the file.
                out.write(head(200, otherResources.getOrDefault(path, content).length));
                out.flush();
                return;
            }
            requests.incrementAndGet();
            firstRequestNanos.compareAndSet(0, System.nanoTime());
            CountDownLatch meeting = rendezvous;
            meeting.countDown();
            awaitQuietly(meeting, rendezvousMillis);
            if (takeOne(resetsToServe)) {
                reset(socket);
                return;
            }
            if (takeOne(failuresToServe)) {
                awaitQuietly(new CountDownLatch(1), failureDelayMillis); // a server slow to fail, deliberately
                out.write(head(failureStatus, 0));
                out.flush();
                return;
            }
            byte[] body = otherResources.getOrDefault(path, content);
            out.write(head(statuses.getOrDefault(path, 200), body.length));
            out.flush();
            startedTransfers.incrementAndGet();
            started = true;
            boolean breakBody = takeOne(bodiesToBreak);
            for (int offset = 0; offset < body.length; offset += CHUNK) {
                if (breakBody && offset > 0) {
                    reset(socket);
                    return;
                }
                if (offset >= stallAfterBytes) {
                    awaitQuietly(stall, TimeUnit.MINUTES.toMillis(5));
                }
                int length = Math.min(CHUNK, body.length - offset);
                pace(length);
                out.write(body, offset, length);
                out.flush();
                bytesSent.addAndGet(length);
            }
            completeTransfers.incrementAndGet();
            started = false;
        } catch (IOException clientWentAway) {
            // A killed or satisfied downloader: counted below as aborted.
        } finally {
            if (started) {
                abortedTransfers.incrementAndGet();
            }
        }
    }

    private static boolean takeOne(AtomicInteger remaining) {
        return remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    /** Closes with a TCP reset (RST), as a crashed server or a dropping proxy does, not with an orderly FIN. */
    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** Reads the request head; returns method and target, null for a connection that sent none. */
    private static String[] requestLine(InputStream in) throws IOException {
        InputStream head = new BufferedInputStream(in);
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        String requestLine = null;
        for (int c = head.read(); c >= 0; c = head.read()) {
            if (c == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1).trim();
                line.reset();
                if (requestLine == null) {
                    requestLine = text;
                } else if (text.isEmpty()) {
                    String[] parts = requestLine.split(" ");
                    return parts.length < 2 ? null : parts;
                }
            } else {
                line.write(c);
            }
        }
        return null;
    }

    private static byte[] head(int status, long length) {
        return ("HTTP/1.1 " + status + (status == 200 ? " OK" : " Status") + "\r\nContent-Length: " + length
                + "\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void awaitQuietly(CountDownLatch latch, long millis) throws IOException {
        try {
            latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    /** Deliberate pacing of the response stream (a slow link), not a wait for something to happen. */
    private void pace(int length) throws IOException {
        try {
            SharedLink link = sharedLink;
            if (link != null) {
                link.send(length);
            } else {
                TimeUnit.NANOSECONDS.sleep(pauseNanosPerChunk);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    @Override
    public void close() {
        stall.countDown();
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        executor.shutdownNow();
    }

    /** One uplink: chunks of all responses take turns, each occupying the link for length / rate seconds. */
    private static final class SharedLink {
        private final long bytesPerSecond;
        private long nextFreeNanos = System.nanoTime();

        SharedLink(long bytesPerSecond) {
            this.bytesPerSecond = bytesPerSecond;
        }

        void send(int length) throws InterruptedException {
            long slotEnd;
            synchronized (this) {
                long start = Math.max(System.nanoTime(), nextFreeNanos);
                slotEnd = start + length * 1_000_000_000L / bytesPerSecond;
                nextFreeNanos = slotEnd;
            }
            long wait = slotEnd - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
    }
}
