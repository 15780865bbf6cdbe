package dev.baton.lock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Lock file names must not change: the hand-written SHA-256 equals the JDK's for every length around a block. */
class Sha256Test {
    @Test
    void agreesWithMessageDigest() throws Exception {
        MessageDigest jdk = MessageDigest.getInstance("SHA-256");
        Random random = new Random(20);
        for (int length = 0; length <= 300; length++) {
            byte[] message = new byte[length];
            random.nextBytes(message);
            assertArrayEquals(jdk.digest(message), Sha256.digest(message), "length " + length);
        }
        byte[] text = "download\0https://repo.example/a.jar".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(jdk.digest(text), Sha256.digest(text));
    }
}
