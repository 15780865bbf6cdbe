package dev.baton.lock.file;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
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
 * since-ms=1795421442123
 * detail=source 3f0c...
 * crc=1c291ca3
 * </pre>
 */
final class LockFileFormat {
    /** Text fields are capped in UTF-8 bytes (below) so that a record always fits with room to spare. */
    static final int SIZE = 1024;
    private static final int MAX_KEY_BYTES = 400;
    private static final int MAX_OTHER_BYTES = 96;
    private static final String MAGIC = "baton-lock 1\n";
    private static final byte[] MAGIC_BYTES = MAGIC.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRC_MARKER = "\ncrc=".getBytes(StandardCharsets.US_ASCII);

    private LockFileFormat() {
    }

    static ByteBuffer encode(LockRecord record) {
        StringBuilder text = new StringBuilder(256).append(MAGIC);
        line(text, "generation", Long.toString(record.generation()));
        line(text, "state", stateWord(record.state()));
        line(text, "pid", Long.toString(record.pid()));
        line(text, "host", capped(record.host(), MAX_OTHER_BYTES));
        line(text, "scope", capped(record.scope(), MAX_OTHER_BYTES));
        line(text, "purpose", capped(record.purpose(), MAX_OTHER_BYTES));
        line(text, "key", capped(record.key(), MAX_KEY_BYTES));
        line(text, "since", record.since() == null ? "" : isoUtc(record.since()));
        // Milliseconds too, so readers need not parse ISO text on every acquisition.
        line(text, "since-ms", record.since() == null ? "" : Long.toString(record.since().toEpochMilli()));
        line(text, "detail", capped(record.detail(), MAX_OTHER_BYTES));
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        String crc = Long.toHexString(crc(body, body.length));
        byte[] block = new byte[SIZE];
        Arrays.fill(block, (byte) '\n'); // Padding keeps every record the same size: the file never needs truncating.
        System.arraycopy(body, 0, block, 0, body.length);
        byte[] trailer = ("crc=" + "00000000".substring(crc.length()) + crc).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(trailer, 0, block, body.length, trailer.length);
        return ByteBuffer.wrap(block);
    }

    private static String stateWord(LockState state) {
        switch (state) {
            case IN_PROGRESS: return "in-progress";
            case DONE: return "done";
            case NEVER_HELD: return "never-held";
            default: return "unknown";
        }
    }

    private static LockState stateOf(String word) {
        switch (word) {
            case "in-progress": return LockState.IN_PROGRESS;
            case "done": return LockState.DONE;
            case "never-held": return LockState.NEVER_HELD;
            default: throw new IllegalArgumentException(word);
        }
    }

    /** The longest prefix of {@code value} whose UTF-8 encoding fits in {@code maxBytes}, never half a pair. */
    static String capped(String value, int maxBytes) {
        if (value == null) {
            return "";
        }
        int bytes = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            int width;
            if (c < 0x80) {
                width = 1;
            } else if (c < 0x800) {
                width = 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                width = 4;
            } else {
                width = 3;
            }
            if (bytes + width > maxBytes) {
                return value.substring(0, i);
            }
            bytes += width;
            if (width == 4) {
                i++;
            }
        }
        return value;
    }

    /** Values lose line breaks, which would end the line early. */
    private static void line(StringBuilder text, String name, String value) {
        String clean = value == null ? "" : value;
        if (clean.indexOf('\n') >= 0 || clean.indexOf('\r') >= 0) {
            clean = clean.replace('\n', ' ').replace('\r', ' ');
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
            int crcAt = indexOf(bytes, CRC_MARKER);
            if (crcAt < 0 || !startsWith(bytes, MAGIC_BYTES)) {
                return LockRecord.UNKNOWN;
            }
            int bodyLength = crcAt + 1;
            String crcText = new String(bytes, bodyLength + 4, 8, StandardCharsets.US_ASCII);
            if (Long.parseLong(crcText, 16) != crc(bytes, bodyLength)) {
                return LockRecord.UNKNOWN;
            }
            String text = new String(bytes, MAGIC_BYTES.length, bodyLength - MAGIC_BYTES.length,
                    StandardCharsets.UTF_8);
            long generation = -1;
            LockState state = null;
            long pid = 0;
            long sinceMillis = -1;
            String host = "";
            String scope = "";
            String purpose = "";
            String key = "";
            String detail = "";
            for (int from = 0; from < text.length();) {
                int end = text.indexOf('\n', from);
                int eq = text.indexOf('=', from);
                if (end < 0 || eq < 0 || eq > end) {
                    return LockRecord.UNKNOWN;
                }
                String value = text.substring(eq + 1, end);
                switch (text.substring(from, eq)) {
                    case "generation" -> generation = Long.parseLong(value);
                    case "state" -> state = stateOf(value);
                    case "pid" -> pid = Long.parseLong(value);
                    case "host" -> host = value;
                    case "scope" -> scope = value;
                    case "purpose" -> purpose = value;
                    case "key" -> key = value;
                    case "since-ms" -> sinceMillis = value.isEmpty() ? -1 : Long.parseLong(value);
                    case "detail" -> detail = value;
                    default -> {
                        // Fields of a later format version, or the human-readable "since": ignored.
                    }
                }
                from = end + 1;
            }
            if (generation < 0 || state == null) {
                return LockRecord.UNKNOWN;
            }
            return new LockRecord(generation, state, pid, host, scope, purpose, key,
                    sinceMillis < 0 ? null : Instant.ofEpochMilli(sinceMillis), detail);
        } catch (RuntimeException e) {
            return LockRecord.UNKNOWN;
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] bytes, byte[] marker) {
        outer:
        for (int i = 0; i + marker.length <= bytes.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (bytes[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static long crc(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }

    /**
     * "2026-11-23T08:10:42.123Z", as Instant.toString would say it to the millisecond, written out by hand: the
     * JDK's formatter would load java.time.format in the first lock of every JVM, for a line only people read.
     */
    static String isoUtc(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(24).append(t.getYear());
        pad(text.append('-'), t.getMonthValue(), 2);
        pad(text.append('-'), t.getDayOfMonth(), 2);
        pad(text.append('T'), t.getHour(), 2);
        pad(text.append(':'), t.getMinute(), 2);
        pad(text.append(':'), t.getSecond(), 2);
        pad(text.append('.'), t.getNano() / 1_000_000, 3);
        return text.append('Z').toString();
    }

    private static void pad(StringBuilder text, int value, int digits) {
        String number = Integer.toString(value);
        for (int i = number.length(); i < digits; i++) {
            text.append('0');
        }
        text.append(number);
    }
}
