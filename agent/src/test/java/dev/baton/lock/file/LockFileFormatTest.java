package dev.baton.lock.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.baton.lock.LockRecord;
import dev.baton.lock.LockState;

class LockFileFormatTest {
    private static final LockRecord RECORD = new LockRecord(7, LockState.DONE, 4242, "build-7", "download",
            "download", "https://example.org/jdk.tar.gz", Instant.parse("2026-11-23T08:10:42.123Z"), "source 3f0c");

    @Test
    void recordSurvivesARoundTrip() {
        assertEquals(RECORD, LockFileFormat.decode(LockFileFormat.encode(RECORD)));
    }

    @Test
    void emptyFileIsAKeyNeverHeld() {
        assertEquals(LockRecord.NEVER_HELD, LockFileFormat.decode(ByteBuffer.allocate(0)));
    }

    /** A reader racing a writer may see the start of one record and the rest of another: the checksum tells. */
    @Test
    void tornRecordIsUnknown() {
        ByteBuffer newer = LockFileFormat.encode(new LockRecord(8, LockState.IN_PROGRESS, 99, "other-host",
                "download", "download", "https://example.org/jdk.tar.gz", Instant.parse("2026-11-23T09:00:00Z"), ""));
        ByteBuffer older = LockFileFormat.encode(RECORD);
        byte[] torn = new byte[LockFileFormat.SIZE];
        older.get(torn);
        newer.get(torn, 0, 40); // The first 40 bytes of the newer record landed, the rest not yet.
        assertEquals(LockRecord.UNKNOWN, LockFileFormat.decode(ByteBuffer.wrap(torn)));
        assertEquals(LockRecord.UNKNOWN, LockFileFormat.decode(ByteBuffer.wrap("garbage".getBytes())));
    }

    @Test
    void longAndMultiByteValuesAreCappedToFitAndLineBreaksRemoved() {
        String key = "https://example.org/" + "ü€𝄞".repeat(400) + "\nstate=done";
        LockRecord huge = new LockRecord(1, LockState.IN_PROGRESS, 1, "h".repeat(500), "s".repeat(500),
                "p\nq".repeat(300), key, null, "d".repeat(500));
        ByteBuffer encoded = LockFileFormat.encode(huge);
        assertEquals(LockFileFormat.SIZE, encoded.remaining());
        LockRecord decoded = LockFileFormat.decode(encoded);
        assertEquals(LockState.IN_PROGRESS, decoded.state());
        assertTrue(key.startsWith(decoded.key()), "a prefix of the key, cut at a character boundary");
        assertFalse(decoded.purpose().contains("\n"));
        String text = new String(LockFileFormat.encode(huge).array(), StandardCharsets.UTF_8);
        assertFalse(text.contains("\uFFFD"), "no character cut in half");
    }

    @Test
    void sinceReadsAsInstantToStringToTheMillisecond() {
        for (long millis : new long[] {0L, 1795421442123L, 1795421442001L, 1795421400010L, 253402300799999L}) {
            java.time.Instant instant = java.time.Instant.ofEpochMilli(millis);
            String expected = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                    .withZone(java.time.ZoneOffset.UTC).format(instant);
            org.junit.jupiter.api.Assertions.assertEquals(expected, LockFileFormat.isoUtc(instant));
        }
    }
}
