package dev.baton.download;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which failures of a download Baton owns are worth another attempt: transient network trouble, 5xx and 429. */
final class RetriableFailure {
    // HttpURLConnection reports server errors only in the message of an IOException.
    private static final Pattern URL_CONNECTION_STATUS = Pattern.compile("HTTP response code: (\\d{3})");

    private RetriableFailure() {
    }

    /** How deep to look into causes: HttpClient wraps a reset twice; nothing real nests deeper. */
    private static final int MAX_CAUSES = 5;

    /**
     * Whether the failure, or one of its causes, is transient. HttpClient reports a connection reset before the
     * response as {@code IOException("HTTP/1.1 header parser received no bytes")} whose cause's cause is the
     * {@code SocketException}: the top-level type alone says nothing.
     */
    static boolean isRetriable(Throwable failure) {
        if (failure instanceof BadStatus badStatus) {
            return isRetriableStatus(badStatus.status); // a 403 or 404 is the server's last word
        }
        if (failure instanceof FileNotFoundException) {
            return false; // HttpURLConnection's 404/410: the resource is not there, asking again will not help
        }
        // One walk down the causes: any transient one makes the failure worth another attempt, unless a timeout is
        // among them. A timeout only happens where the application set one (URLConnection and HttpClient wait forever
        // by default): it is the application's fail-fast, never retried. HttpClient's connect timeout carries a
        // ConnectException as its cause, so the timeout must be looked for in the whole chain.
        boolean transientCause = false;
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException || cause instanceof HttpTimeoutException) {
                return false;
            }
            transientCause |= isTransient(cause);
        }
        return transientCause;
    }

    private static boolean isTransient(Throwable failure) {
        if (failure instanceof ConnectException || failure instanceof NoRouteToHostException
                || failure instanceof SocketException) {
            return true;
        }
        if (failure instanceof IOException && failure.getMessage() != null) {
            Matcher status = URL_CONNECTION_STATUS.matcher(failure.getMessage());
            if (status.find()) {
                return isRetriableStatus(Integer.parseInt(status.group(1)));
            }
            String message = failure.getMessage().toLowerCase(java.util.Locale.ROOT);
            // The last one: HttpClient's "connection closed before any response" (HttpURLConnection's is a
            // SocketException, "Unexpected end of file from server").
            return message.contains("connection reset") || message.contains("premature eof")
                    || message.contains("closed before") || message.contains("eof reached")
                    || message.contains("header parser received no bytes");
        }
        return false;
    }

    static boolean isRetriableStatus(int status) {
        return status == 429 || status >= 500 && status <= 599;
    }

    /** How a failure shows in events: the exception type, or "HTTP 503". */
    static String describe(Throwable failure) {
        return failure instanceof BadStatus ? failure.getMessage() : failure.getClass().getName();
    }

    /**
     * A response that is not 2xx, so nothing is published: retried only when its status asks for it
     * ({@link #isRetriableStatus}); the last one is handed to the application as it came.
     */
    static final class BadStatus extends IOException {
        private static final long serialVersionUID = 1L;
        final int status;
        final transient Object response;

        BadStatus(int status, Object response) {
            super("HTTP " + status, null);
            this.status = status;
            this.response = response;
        }
    }
}
