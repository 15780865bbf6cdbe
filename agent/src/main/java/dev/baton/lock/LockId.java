package dev.baton.lock;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A lock's identity: a scope (what kind of thing, e.g. {@code download}) and a key within it (e.g. a URL). Backends
 * name their resources by {@link #digestHex()}, a SHA-256 of scope, a NUL and key, so a raw key never becomes a path
 * (no traversal through {@code ../}) and scopes cannot collide with each other.
 */
public final class LockId {
    private final String scope;
    private final String key;
    private final int hash;
    /** Computed when first asked for: a lookup of a key already open needs neither (racy but idempotent). */
    private String redactedKey;
    private String digestHex;

    private LockId(String scope, String key) {
        this.scope = scope;
        this.key = key;
        this.hash = 31 * scope.hashCode() + key.hashCode();
    }

    public static LockId of(String scope, String key) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(key, "key");
        return new LockId(scope, key);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
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
        return o instanceof LockId other && scope.equals(other.scope) && key.equals(other.key);
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
