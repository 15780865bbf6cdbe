package dev.baton.download;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Duration;

import dev.baton.lock.ThisProcess;

/**
 * A note on a file Baton published: which source (digest), when, and by which process, kept in the extended
 * attribute {@code user.baton.published} (the rename carries it from the temp file to the target). It lets a late
 * arrival reuse a peer's fresh download: a process whose own "is it there?" check ran before the peer published,
 * but whose download starts after, finds the note and skips the transfer (see {@link Publish#recentPeer}).
 *
 * <p>File systems without user extended attributes (older tmpfs, some network file systems) simply carry no note,
 * and late arrivals there download again. The note is data: only a hex digest and two numbers are read from it.
 */
final class PublishedStamp {
    private static final String ATTRIBUTE = "baton.published";
    private static final String VERSION = "v1";
    private static final int MAX_BYTES = 256;
    /** The note is split at spaces. */
    private static final String HOST = ThisProcess.HOST.replace(' ', '_');

    private PublishedStamp() {
    }

    /** Best effort: a file system without extended attributes just gets no note. */
    static void write(Path temp, DownloadSource source, long nowMillis) {
        String note = VERSION + " " + source.digest() + " " + nowMillis + " " + ThisProcess.PID + " " + HOST;
        try {
            UserDefinedFileAttributeView view = Files.getFileAttributeView(temp, UserDefinedFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (view != null) {
                view.write(ATTRIBUTE, ByteBuffer.wrap(note.getBytes(StandardCharsets.UTF_8)));
            }
        } catch (IOException | RuntimeException unsupported) {
            // No note; late arrivals will download again.
        }
    }

    /**
     * The note of a publish of {@code source} into {@code target} made since {@code sinceMillis} (Baton's start in
     * this JVM), the file not written since (its modification time is not after the note's); null when there is none.
     */
    static Publish since(Path target, DownloadSource source, long sinceMillis) {
        String[] note = read(target);
        if (note == null || !note[1].equals(source.digest())) {
            return null;
        }
        try {
            long published = Long.parseLong(note[2]);
            long modified = Files.getLastModifiedTime(target, LinkOption.NOFOLLOW_LINKS).toMillis();
            boolean byPeer = Long.parseLong(note[3]) != ThisProcess.PID || !note[4].equals(HOST);
            return published >= sinceMillis && modified <= published ? new Publish(published, byPeer) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** A publish the note records: when, and whether by another process. */
    record Publish(long millis, boolean byPeer) {
        /** A late arrival may take it: another process's, no longer than {@code window} ago. */
        boolean recentPeer(Duration window, long nowMillis) {
            return byPeer && !window.isZero() && nowMillis >= millis && nowMillis - millis <= window.toMillis();
        }
    }

    private static String[] read(Path target) {
        try {
            UserDefinedFileAttributeView view = Files.getFileAttributeView(target,
                    UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            if (view == null || !view.list().contains(ATTRIBUTE) || view.size(ATTRIBUTE) > MAX_BYTES) {
                return null;
            }
            ByteBuffer bytes = ByteBuffer.allocate(view.size(ATTRIBUTE));
            view.read(ATTRIBUTE, bytes);
            String[] fields = new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8).split(" ");
            boolean wellFormed = fields.length == 5 && fields[0].equals(VERSION) && fields[1].matches("[0-9a-f]{32}")
                    && fields[2].matches("[0-9]{1,18}") && fields[3].matches("[0-9]{1,18}");
            return wellFormed ? fields : null;
        } catch (IOException | RuntimeException unsupported) {
            return null;
        }
    }
}
