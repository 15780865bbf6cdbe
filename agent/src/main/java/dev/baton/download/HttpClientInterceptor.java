package dev.baton.download;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;

import dev.baton.instrument.Call;
import dev.baton.instrument.Refusal;

/**
 * {@code HttpClient.send/sendAsync} of a GET with {@code BodyHandlers.ofFile(path)}: Baton owns the request, so
 * it may retry 5xx, 429 and network failures. The body goes to a temp file and is renamed over the target only for a
 * 2xx answer (ofFile alone writes error pages over good files and, not truncating, leaves an old tail after a shorter
 * body). Other body handlers, and a sendAsync that handles server pushes, pass through untouched.
 */
final class HttpClientInterceptor extends DownloadIdiom {
    private static final String PATH_HANDLER = "jdk.internal.net.http.ResponseBodyHandlers$PathBodyHandler";
    /** What {@code ofFile(path)} opens with. */
    private static final Set<OpenOption> DEFAULT_OPTIONS = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    /** Options that still mean "write this whole file" (TRUNCATE_EXISTING is what Baton's publish does anyway). */
    private static final Set<OpenOption> WHOLE_FILE_OPTIONS = Set.of(StandardOpenOption.CREATE,
            StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);

    private final ExecutorService asyncDownloads;

    HttpClientInterceptor(DownloadCoordinator coordinator, ExecutorService asyncDownloads) {
        super(coordinator);
        this.asyncDownloads = asyncDownloads;
    }

    @Override
    public Object intercept(Call call) throws Throwable {
        Object[] args = call.arguments();
        Path target = fileOf(args[1]);
        if (target == null || !(args[0] instanceof HttpRequest request) || handlesServerPushes(args)) {
            return call.proceed();
        }
        DownloadSource source = sourceOf(request);
        if (source == null) {
            return call.proceed();
        }
        HttpClient client = (HttpClient) call.self();
        if (call.target().methodName().equals("send")) {
            HttpResponse<Path> response = download(client, request, source, target, call);
            return response != null ? response : call.proceed();
        }
        // Async callers get a future at once; the lock wait and the transfer happen on Baton's download threads.
        return CompletableFuture.supplyAsync(() -> {
            try {
                HttpResponse<Path> response = download(client, request, source, target, null);
                return response != null ? response : client.send(request, HttpResponse.BodyHandlers.ofFile(target));
            } catch (Refusal refusal) {
                throw new CompletionException(refusal.toThrow());
            } catch (Throwable t) {
                throw new CompletionException(t);
            }
        }, asyncDownloads);
    }

    /**
     * sendAsync with a handler for HTTP/2 server pushes: Baton's transfer (a send on its own thread, or none when a
     * peer's file is reused) could not hand the server's pushes to that handler, so the JDK keeps the request.
     */
    private static boolean handlesServerPushes(Object[] args) {
        return args.length > 2 && args[2] != null;
    }

    /**
     * A plain GET of a whole resource: what it fetches has an identity (URL, the encoding asked for, the headers
     * that select a representation). Other methods, or a Range request, pass through untouched.
     */
    private static DownloadSource sourceOf(HttpRequest request) {
        if (!"GET".equals(request.method()) || request.headers().firstValue("Range").isPresent()) {
            return null;
        }
        return DownloadSource.ofRequest(request.uri(), request.headers().firstValue("Accept-Encoding").orElse(null),
                request.headers()::firstValue);
    }

    /**
     * Sends the request with the body going to a temp file; call is null when already off the caller's thread.
     * Null when Baton stays out (the target's directory does not exist): the caller sends unchanged.
     */
    private HttpResponse<Path> download(HttpClient client, HttpRequest request, DownloadSource source, Path target,
            Call call) throws Throwable {
        HttpResponse<?>[] last = new HttpResponse<?>[1];
        DownloadCoordinator.Outcome outcome;
        try {
            outcome = coordinator.download(target, source, true, true, new Transfer(Transfer.Writes.IN_PLACE) {
                @Override
                long into(Path temp) throws Throwable {
                    HttpResponse.BodyHandler<Path> toTemp = HttpResponse.BodyHandlers.ofFile(temp);
                    HttpResponse<?> response = call != null
                            ? (HttpResponse<?>) call.proceedWith(new Object[] {request, toTemp})
                            : client.send(request, toTemp);
                    last[0] = response;
                    if (response.statusCode() / 100 != 2) {
                        throw new RetriableFailure.BadStatus(response.statusCode(), response);
                    }
                    return Files.size(temp);
                }

                /**
                 * As ofFile would write it, but truncated: a shorter body never leaves the old file's tail. A
                 * failure reaches a {@code send} caller as the JDK's send reports a body handler's: an IOException
                 * with the same message.
                 */
                @Override
                long deliver(Path temp) throws Throwable {
                    try (FileChannel from = FileChannel.open(temp);
                            FileChannel to = FileChannel.open(target, StandardOpenOption.CREATE,
                                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                        long size = from.size();
                        for (long done = 0; done < size;) {
                            done += to.transferFrom(from, done, size - done);
                        }
                        return size;
                    } catch (IOException cannotWrite) {
                        throw call != null ? new IOException(cannotWrite.getMessage(), cannotWrite) : cannotWrite;
                    }
                }
            });
        } catch (RetriableFailure.BadStatus badStatus) {
            // Not retriable or out of attempts: the application sees the server's answer; nothing is published.
            return new FileResponse(request, target, (HttpResponse<?>) badStatus.response);
        }
        if (outcome == null) {
            return null;
        }
        return new FileResponse(request, target, outcome.coalesced() ? null : last[0]);
    }

    /**
     * The file a {@code BodyHandlers.ofFile} handler writes whole, or null for any other handler: one with open
     * options of the caller's own (APPEND, CREATE_NEW, no CREATE, SYNC...) asks for more than a whole file appearing
     * at once, and runs as the JDK runs it.
     */
    private static Path fileOf(Object handler) throws ReflectiveOperationException {
        if (handler == null || !handler.getClass().getName().equals(PATH_HANDLER)) {
            return null;
        }
        List<?> options = (List<?>) field(handler, "openOptions");
        if (!WHOLE_FILE_OPTIONS.containsAll(options) || !options.containsAll(DEFAULT_OPTIONS)) {
            return null;
        }
        return (Path) field(handler, "file");
    }

    private static Object field(Object handler, String name) throws ReflectiveOperationException {
        Field field = handler.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(handler);
    }
}
