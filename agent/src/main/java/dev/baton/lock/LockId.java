package dev.baton.lock;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A lock's identity: a scope (what kind of thing, e.g. {@code download}) and a key within it (e.g. a URL). Backends
 * name their resources by {@link #digestHex()}, a SHA-256 of scope, a NUL and key, so a raw key never becomes a path
 * (no traversal through {@code ../}) and scopes cannot collide with each other.
 *
 * <p>A key may be <em>placed</em>: its lock lives in a directory the caller names (a download's lock beside its
 * target, on the target's own file system) instead of the backend's own location. Then every process that touches
 * that directory meets on one lock whatever its own configuration ({@code baton.lock.dir}); a backend without
 * locations of its own (PostgreSQL) ignores the placement. The placement is part of the identity.
 */
public final class LockId {
    private final String scope;
    private final String key;
    private final Path placement;
    private final int hash;
    /** Computed when first asked for: a lookup of a key already open needs neither (racy but idempotent). */
    private String redactedKey;
    private String digestHex;

    private LockId(String scope, String key, Path placement) {
        this.scope = scope;
        this.key = key;
        this.placement = placement;
        this.hash = 31 * (31 * scope.hashCode() + key.hashCode()) + Objects.hashCode(placement);
    }

    public static LockId of(String scope, String key) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(key, "key");
        return new LockId(scope, key, null);
    }

    /**
     * A key whose lock lives in {@code directory} (absolute; use its real path, so that every spelling of one
     * directory places the lock in one file).
     */
    public static LockId placed(String scope, String key, Path directory) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(directory, "directory");
        if (!directory.isAbsolute()) {
            throw new IllegalArgumentException("a lock placement must be absolute: " + directory);
        }
        return new LockId(scope, key, directory);
    }

    /** The directory the lock lives in, or null for the backend's own location. */
    public Path placement() {
        return placement;
    }

    private static byte[] sha256(String text) {
        return Sha256.digest(text.getBytes(StandardCharsets.UTF_8));
    }

    public String scope() {
        return scope;
    }

    /** The raw key: for equality only, never for logs, files or events (use {@link #redactedKey()}). */
    public String key() {
        return key;
    }

    public String redactedKey() {
        String redacted = redactedKey;
        if (redacted == null) {
            redacted = KeyRedactor.redact(key);
            redactedKey = redacted;
        }
        return redacted;
    }

    /** 64 lower-case hex digits of SHA-256(scope + "\0" + key). */
    public String digestHex() {
        String digest = digestHex;
        if (digest == null) {
            digest = HexFormat.of().formatHex(sha256(scope + "\0" + key));
            digestHex = digest;
        }
        return digest;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LockId other && scope.equals(other.scope) && key.equals(other.key)
                && Objects.equals(placement, other.placement);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return scope + ":" + redactedKey();
    }
}
