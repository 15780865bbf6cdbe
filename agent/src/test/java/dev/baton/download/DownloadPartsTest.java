package dev.baton.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.lock.LockRecord;
import dev.baton.publish.PublishTarget;
import dev.baton.publish.TempFiles;
import dev.baton.publish.TempNames;
import dev.baton.lock.LockState;

/** The small parts of the download protocol: source identity, temp names, target resolution, exception naming. */
class DownloadPartsTest {
    @TempDir
    Path dir;

    @Test
    void aSourceIsItsNormalisedUrlAndWhatChangesItsBytes() {
        DownloadSource plain = DownloadSource.of(URI.create("HTTP://Example.ORG:80/a/b.tgz#part"), null);
        assertEquals(plain, DownloadSource.of(URI.create("http://example.org/a/b.tgz"), ""));
        assertNotEquals(plain, DownloadSource.of(URI.create("http://example.org/a/b.tgz?v=2"), null));
        assertNotEquals(plain, DownloadSource.of(URI.create("https://example.org/a/b.tgz"), null));
        assertNotEquals(plain, DownloadSource.of(URI.create("http://example.org/a/b.tgz"), "gzip"));
        assertNull(DownloadSource.of(URI.create("file:///tmp/b.tgz"), null), "a local file is no download");
        assertNull(DownloadSource.of(URI.create("jar:file:/x.jar!/a"), null));
        DownloadSource secret = DownloadSource.of(URI.create("https://u:pw@example.org/a?token=t"), null);
        assertEquals("https://example.org/a", secret.display());
        assertTrue(secret.doneDetail().matches("source [0-9a-f]{32}"), "only a digest is ever written");
    }

    @Test
    void tempNamesStayShortAndTheDeadHoldersOneIsRemoved() throws IOException {
        PublishTarget target = PublishTarget.resolve(dir.resolve("é".repeat(120) + ".bin"), false);
        Path temp = TempFiles.forHolder(target, 7);
        assertTrue(temp.getFileName().toString().getBytes(StandardCharsets.UTF_8).length < 100, temp.toString());
        assertTrue(TempFiles.isTemp(temp.getFileName().toString()));
        assertEquals(60, TempFiles.bounded("é".repeat(120)).getBytes(StandardCharsets.UTF_8).length);

        Files.writeString(temp, "left by a holder that died");
        Path other = Files.writeString(TempFiles.forHolder(target, 8), "someone else's");
        LockRecord dead = new LockRecord(7, LockState.IN_PROGRESS, ProcessHandle.current().pid(), "h", "download",
                "p", "k", null, "");
        TempFiles.removeLeftoverOf(dead.markedDone(""), target);
        assertTrue(Files.exists(temp), "a holder that finished left nothing to remove");
        TempFiles.removeLeftoverOf(dead, target);
        assertFalse(Files.exists(temp));
        assertTrue(Files.exists(other), "only the dead holder's own temp");
    }

    @Test
    void targetsResolveAsTheKernelResolvesThem() throws IOException {
        assertNull(PublishTarget.resolve(dir.resolve("missing/../x.bin"), false), "missing/.. does not exist");
        assertNull(PublishTarget.resolve(dir.resolve("no-such-dir/x.bin"), false));
        Path real = Files.createDirectories(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        PublishTarget viaLink = PublishTarget.resolve(link.resolve("x.bin"), false);
        assertEquals(real.toRealPath().resolve("x.bin"), viaLink.path());
        assertEquals(real.toRealPath(), viaLink.directory(), "the lock and the temp go where the file really is");

        Path file = Files.writeString(real.resolve("file.bin"), "x");
        Path fileLink = Files.createSymbolicLink(dir.resolve("file-link.bin"), file);
        assertEquals(file.toRealPath(), PublishTarget.resolve(fileLink, true).path(), "writes through the link");
        assertEquals(dir.toRealPath().resolve("file-link.bin"), PublishTarget.resolve(fileLink, false).path(),
                "replaces the link");
    }

    @Test
    void exceptionsNameTheApplicationsFileNotTheTemp() {
        Path temp = dir.resolve(".x.bin.baton-1-2.tmp");
        String shown = "cache/x.bin";
        Throwable denied = TempNames.hide(new AccessDeniedException(temp.toString()), temp, shown);
        assertEquals(AccessDeniedException.class, denied.getClass());
        assertEquals(shown, ((FileSystemException) denied).getFile());

        Throwable notEmpty = TempNames.hide(new DirectoryNotEmptyException(temp.toString()), temp, shown);
        assertEquals(DirectoryNotEmptyException.class, notEmpty.getClass());
        assertEquals(shown, notEmpty.getMessage());

        IOException plain = new IOException("could not write " + temp + ": disk full");
        Throwable hidden = TempNames.hide(plain, temp, shown);
        assertEquals("could not write cache/x.bin: disk full", hidden.getMessage());
        assertEquals(IOException.class, hidden.getClass());

        IOException unrelated = new IOException("connection reset");
        assertSame(unrelated, TempNames.hide(unrelated, temp, shown));
    }

    /** As the JDK reports them; the integration test DownloadRetryTest meets the real ones. */
    @Test
    void transientFailuresAreRecognisedThroughTheirCauses() {
        IOException httpClientReset = new IOException("HTTP/1.1 header parser received no bytes",
                new IOException("HTTP/1.1 header parser received no bytes",
                        new java.net.SocketException("Connection reset")));
        assertTrue(RetriableFailure.isRetriable(httpClientReset));
        assertTrue(RetriableFailure.isRetriable(new java.net.SocketException("Connection reset")));
        assertTrue(RetriableFailure.isRetriable(new IOException("Server returned HTTP response code: 503 for URL: x")));
        assertFalse(RetriableFailure.isRetriable(new IOException("Server returned HTTP response code: 403 for URL: x")));
        assertFalse(RetriableFailure.isRetriable(new java.io.FileNotFoundException("http://x/missing")));
        assertFalse(RetriableFailure.isRetriable(new IOException("disk full", new IllegalStateException("full"))));
        assertTrue(RetriableFailure.isRetriable(new RetriableFailure.BadStatus(429, null)));
        assertTrue(RetriableFailure.isRetriable(new RetriableFailure.BadStatus(502, null)));
        assertFalse(RetriableFailure.isRetriable(new RetriableFailure.BadStatus(403, null)), "HttpClient's 403");
        assertFalse(RetriableFailure.isRetriable(new RetriableFailure.BadStatus(404, null)));
    }
}
