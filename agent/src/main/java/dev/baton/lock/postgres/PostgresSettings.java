package dev.baton.lock.postgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.baton.config.BatonConfig;
import dev.baton.config.Keys;

/**
 * Where the lock database is and how to log in, from {@code baton.lock.postgres.*}. The password file wins over an
 * inline password (a file keeps it out of process listings and environment dumps).
 *
 * @param url           JDBC URL, {@code jdbc:postgresql://host:port/database[?options]}
 * @param user          null to let the URL or the driver decide
 * @param password      null when none is configured
 * @param serverTimeout how long the server may stay silent: a wait gives up after it, any other statement fails
 */
public record PostgresSettings(String url, String user, String password, Duration serverTimeout) {
    /** With the default server timeout. */
    public PostgresSettings(String url, String user, String password) {
        this(url, user, password, Keys.LOCK_POSTGRES_SERVER_TIMEOUT.defaultValue());
    }

    public static PostgresSettings from(BatonConfig config) throws IOException {
        String url = config.get(Keys.LOCK_POSTGRES_URL);
        if (url == null || url.isBlank()) {
            throw new IOException("baton.lock.backend=postgres needs baton.lock.postgres.url"
                    + " (e.g. jdbc:postgresql://db.example:5432/baton)");
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IOException("baton.lock.postgres.url must start with jdbc:postgresql: (got "
                    + withoutSecrets(url) + ")");
        }
        Path passwordFile = config.get(Keys.LOCK_POSTGRES_PASSWORD_FILE);
        String password = passwordFile != null ? firstLine(passwordFile) : config.get(Keys.LOCK_POSTGRES_PASSWORD);
        return new PostgresSettings(url, config.get(Keys.LOCK_POSTGRES_USER), password,
                config.get(Keys.LOCK_POSTGRES_SERVER_TIMEOUT));
    }

    private static String firstLine(Path file) throws IOException {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.isEmpty() ? "" : lines.get(0);
        } catch (IOException e) {
            throw new IOException("cannot read baton.lock.postgres.passwordFile " + file + ": " + e, e);
        }
    }

    /** The URL for messages: query parameters may carry a password, so they are cut. */
    public String safeUrl() {
        return withoutSecrets(url);
    }

    private static String withoutSecrets(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?...";
    }

    @Override
    public String toString() {
        return "PostgresSettings[" + safeUrl() + ", user " + user + (password == null ? "" : ", password set")
                + ", serverTimeout " + serverTimeout + "]";
    }
}
