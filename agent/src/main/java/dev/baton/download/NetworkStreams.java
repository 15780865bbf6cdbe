package dev.baton.download;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.net.HttpURLConnection;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.WeakHashMap;

import dev.baton.instrument.Call;
import dev.baton.instrument.Interceptor;

/**
 * Remembers which input streams come from a network resource, so that {@code Files.copy(stream, target)} and
 * commons-io's stream copies are coordinated only when the stream is a download, never for local streams (zip
 * entries, class-path resources, native libraries being extracted), which run untouched.
 *
 * <p>The JDK's {@code HttpURLConnection.getInputStream()} (behind {@code URL.openStream()} and
 * {@code openConnection().getInputStream()}, http and https) is hooked: a 200 answer to a GET gets its stream
 * wrapped in a {@link SourcedStream} that knows its source and whether anyone read from it yet. A stream the
 * application already read from is not the whole resource any more, so it is never coalesced.
 */
final class NetworkStreams implements Interceptor {
    /** The JDK's http(s) connection; https delegates to a subclass of it. */
    static final String CONNECTION = "sun.net.www.protocol.http.HttpURLConnection";

    /** Set once any network stream exists: until then the copy hooks pass every call through at once. */
    private static volatile boolean seen;
    /**
     * The wrapper handed out for a connection's stream, so asking twice gives the same one. Held weakly on both sides:
     * the wrapper holds its stream (the key), so a strongly held wrapper would keep every entry forever.
     */
    private static final Map<InputStream, WeakReference<SourcedStream>> WRAPPERS = new WeakHashMap<>();

    static boolean seen() {
        return seen;
    }

    @Override
    public Object intercept(Call call) throws Throwable {
        Object result = call.proceed();
        if (!(result instanceof InputStream stream) || !(call.self() instanceof HttpURLConnection connection)) {
            return result;
        }
        DownloadSource source = sourceOf(connection);
        if (source == null) {
            return result;
        }
        synchronized (WRAPPERS) {
            seen = true;
            WeakReference<SourcedStream> handedOut = WRAPPERS.get(stream);
            SourcedStream wrapper = handedOut == null ? null : handedOut.get();
            if (wrapper == null) {
                wrapper = new SourcedStream(stream, source);
                WRAPPERS.put(stream, new WeakReference<>(wrapper));
            }
            return wrapper;
        }
    }

    /** A whole, plain answer to a GET; anything partial (206, Content-Range) or not a download is no source. */
    private static DownloadSource sourceOf(HttpURLConnection connection) throws IOException {
        if (!"GET".equals(connection.getRequestMethod()) || connection.getResponseCode() != 200
                || connection.getHeaderField("Content-Range") != null) {
            return null;
        }
        try {
            return DownloadSource.ofResponse(connection.getURL().toURI(), connection::getHeaderField);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /**
     * The source of a stream the application passes to a copy, seen through a plain BufferedInputStream; null when it
     * is no network stream, or one the application already read from.
     */
    static DownloadSource untouchedSource(InputStream in) {
        InputStream stream = in;
        if (stream != null && stream.getClass() == BufferedInputStream.class && FilterIn.FIELD != null) {
            try {
                stream = (InputStream) FilterIn.FIELD.invokeExact((FilterInputStream) stream);
            } catch (Throwable unreadable) {
                return null;
            }
        }
        return stream instanceof SourcedStream sourced && !sourced.touched ? sourced.source : null;
    }

    /**
     * FilterInputStream.in is protected: readable once the agent opened java.io to Baton, which DownloadFeature does
     * before it builds this interceptor; this holder is first read only after a network stream was seen, so after
     * that. Without it, buffered network streams are simply not recognised.
     */
    private static final class FilterIn {
        static final MethodHandle FIELD = field();

        private static MethodHandle field() {
            try {
                Field in = FilterInputStream.class.getDeclaredField("in");
                in.setAccessible(true);
                return MethodHandles.lookup().unreflectGetter(in)
                        .asType(MethodType.methodType(InputStream.class, FilterInputStream.class));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    }

    /** A network stream that knows its source and whether it was read from. */
    static final class SourcedStream extends FilterInputStream {
        final DownloadSource source;
        volatile boolean touched;

        SourcedStream(InputStream in, DownloadSource source) {
            super(in);
            this.source = source;
        }

        @Override
        public int read() throws IOException {
            touched = true;
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            touched = true;
            return in.read(b, off, len);
        }

        @Override
        public long skip(long n) throws IOException {
            touched = true;
            return in.skip(n);
        }

        @Override
        public long transferTo(java.io.OutputStream out) throws IOException {
            touched = true;
            return in.transferTo(out);
        }
    }
}
