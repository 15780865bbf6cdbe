package dev.baton.lock.file;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.CRC32;

import dev.baton.lock.LockRecord;
import dev.baton.lock.LockState;

/**
 * The lock file's content: a fixed-size block of {@code name=value} lines that {@code cat} makes readable, ending
 * with a CRC-32 of the lines before it so a reader racing a writer can tell a torn record. An empty file is a key
 * never held; anything unparsable is {@link LockRecord#UNKNOWN}.
 *
 * <pre>
 * baton-lock 1
 * generation=12
 * state=done
 * pid=4242
 * host=build-7
 * scope=download
 * purpose=download
 * key=https://example.org/jdk.tar.gz
 * since=2026-11-23T08:10:42.123Z
 * crc=1c291ca3
 * </pre>
 */
final class LockFileFormat {
    static final int SIZE = 1024;
    private static final String MAGIC = "baton-lock 1\n";
    private static final int MAX_VALUE_LENGTH = 300;

    private LockFileFormat() {
    }

    static ByteBuffer encode(LockRecord record) {
        StringBuilder text = new StringBuilder(MAGIC);
        line(text, "generation", Long.toString(record.generation()));
        line(text, "state", record.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        line(text, "pid", Long.toString(record.pid()));
        line(text, "host", record.host());
        line(text, "scope", record.scope());
        line(text, "purpose", record.purpose());
        line(text, "key", record.key());
        line(text, "since", record.since() == null ? "" : record.since().toString());
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        byte[] trailer = ("crc=" + String.format("%08x", crc(body, body.length)) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(SIZE);
        buffer.put(body).put(trailer);
        while (buffer.hasRemaining()) {
            buffer.put((byte) '\n'); // Padding keeps every record the same size: the file never needs truncating.
        }
        return buffer.flip();
    }

    /** Values lose line breaks and are capped: a record must fit in SIZE bytes whatever the key. */
    private static void line(StringBuilder text, String name, String value) {
        String clean = value == null ? "" : value.replace('\n', ' ').replace('\r', ' ');
        if (clean.length() > MAX_VALUE_LENGTH) {
            clean = clean.substring(0, MAX_VALUE_LENGTH);
        }
        text.append(name).append('=').append(clean).append('\n');
    }

    static LockRecord decode(ByteBuffer buffer) {
        if (!buffer.hasRemaining()) {
            return LockRecord.NEVER_HELD;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        try {
            String text = new String(bytes, StandardCharsets.UTF_8);
            int crcAt = text.indexOf("\ncrc=");
            if (!text.startsWith(MAGIC) || crcAt < 0) {
                return LockRecord.UNKNOWN;
            }
            int bodyLength = text.substring(0, crcAt + 1).getBytes(StandardCharsets.UTF_8).length;
            int crcEnd = text.indexOf('\n', crcAt + 1);
            String crcText = text.substring(crcAt + 5, crcEnd < 0 ? text.length() : crcEnd).trim();
            if (Long.parseLong(crcText, 16) != crc(bytes, bodyLength)) {
                return LockRecord.UNKNOWN;
            }
            Map<String, String> values = new HashMap<>();
            for (String line : text.substring(MAGIC.length(), crcAt).split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    values.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            String since = values.getOrDefault("since", "");
            return new LockRecord(Long.parseLong(values.get("generation")),
                    LockState.valueOf(values.get("state").toUpperCase(java.util.Locale.ROOT).replace('-', '_')),
                    Long.parseLong(values.get("pid")), values.getOrDefault("host", ""),
                    values.getOrDefault("scope", ""), values.getOrDefault("purpose", ""),
                    values.getOrDefault("key", ""), since.isEmpty() ? null : Instant.parse(since));
        } catch (RuntimeException e) {
            return LockRecord.UNKNOWN;
        }
    }

    private static long crc(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }
}
