package dev.baton.lock.postgres;

import java.util.HexFormat;

import dev.baton.lock.LockId;

/**
 * The 64-bit advisory lock number of a key: the first 8 bytes of its SHA-256 digest (scope, NUL, key), so it is
 * spread over the whole bigint space and two keys share a number with probability about 2^-64 per pair. The same
 * number is the primary key of the key's row in {@link LockTable}.
 */
final class AdvisoryKey {
    private AdvisoryKey() {
    }

    static long of(LockId id) {
        return HexFormat.fromHexDigitsToLong(id.digestHex(), 0, 16);
    }
}
