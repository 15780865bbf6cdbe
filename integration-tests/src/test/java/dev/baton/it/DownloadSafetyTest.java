package dev.baton.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.it.harness.Artifacts;
import dev.baton.it.harness.ChildJvm;
import dev.baton.it.harness.CountingHttpServer;
import dev.baton.it.harness.Jdk;
import dev.baton.it.harness.Recording;
import dev.baton.it.harness.RunningJvm;

/**
 * Issue 13: downloads and copies never lose a write, never report a false success, and copies that are not
 * downloads cost nothing. Each test runs real processes with the real agent against a real HTTP server on
 * 127.0.0.1, and each failed on the main branch before the fix (the line "on main:" says how).
 */
class DownloadSafetyTest {
    private static final String PROBE = "dev.baton.it.apps.DownloadProbe";
    private static final Duration PROMPTLY = Duration.ofSeconds(60);

    @TempDir
    Path work;

    private Jdk jdk;
    private CountingHttpServer server;
    private byte[] a;
    private byte[] b;

    @BeforeEach
    void start() throws Exception {
        jdk = Jdk.target();
        server = new CountingHttpServer(512 * 1024, 4 * 1024 * 1024);
        a = server.serve("/a.bin", 300 * 1024, 1);
        b = server.serve("/b.bin", 200 * 1024, 2);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ChildJvm probe(String name, Object... args) {
        return ChildJvm.on(jdk, work).named(name)
                .classPath(Artifacts.classPath(Artifacts.testClasses(), Artifacts.samplesClassPath()))
                .agentArgs("lock.dir=" + work.resolve("locks")).main(PROBE, args);
    }

    /** The probe's one line of outcome: "RESULT value" or "FAILED type: message". */
    private static String outcome(RunningJvm.Result result) {
        return result.stdout().lines().filter(l -> l.startsWith("RESULT ") || l.startsWith("FAILED ")).findFirst()
                .orElseThrow(() -> new AssertionError("no outcome line\n" + result));
    }

    private static boolean waited(RunningJvm jvm) {
        return jvm.stderr().contains("[baton] waiting for the ");
    }

    private static List<String> leftovers(Path directory, Path... expected) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> !List.of(expected).contains(p)).map(p -> p.getFileName().toString()).toList();
        }
    }

    /**
     * Point 1. Two processes copy different resources into one file at the same time. On main: the second waited,
     * then returned the first one's byte count and its own content was silently dropped.
     */
    @Test
    void differentSourcesIntoOneTargetAreSerialisedNeverCoalesced() throws Exception {
        Path target = Files.createDirectories(work.resolve("cache")).resolve("shared.bin");
        server.stallAfter(64 * 1024);
        RunningJvm first = probe("first", "files-copy", server.uri("/a.bin"), target, "replace").start();
        await().atMost(PROMPTLY).until(() -> server.bytesSent() >= 64 * 1024);
        RunningJvm second = probe("second", "files-copy", server.uri("/b.bin"), target, "replace").start();
        await().atMost(PROMPTLY).until(() -> waited(second));
        server.resume();

        assertEquals("RESULT " + a.length, outcome(first.awaitExit(120)));
        assertEquals("RESULT " + b.length, outcome(second.awaitExit(120)), "the second copy's own bytes");
        assertArrayEquals(b, Files.readAllBytes(target), "the later copy is the one on disk");
        assertEquals(List.of(), leftovers(target.getParent(), target));
    }

    /**
     * A copy that refuses existing targets, run long after a peer published the same source there (yesterday's
     * build): the JDK throws FileAlreadyExistsException, and so must the call under Baton. On main: Baton took the
     * lock record's "done, same source" for a race the application had just lost and returned the file's size, a
     * success for a copy that never happened (the file may have been changed since).
     */
    @Test
    void anOldPublishOfTheSameSourceIsNoSuccessForACopyThatRefusesExistingFiles() throws Exception {
        Path target = Files.createDirectories(work.resolve("cache")).resolve("tool.bin");
        assertEquals("RESULT " + a.length, outcome(probe("yesterday", "files-copy", server.uri("/a.bin"), target,
                "replace").run(60)));
        String withoutBaton = outcome(probe("jdk", "files-copy", server.uri("/a.bin"), target).withoutAgent().run(60));
        assertEquals("FAILED java.nio.file.FileAlreadyExistsException: " + target, withoutBaton);
        assertEquals(withoutBaton, outcome(probe("today", "files-copy", server.uri("/a.bin"), target).run(60)));
    }

    /**
     * A copy that refuses existing targets, and the target appears (written by a process without Baton) while the
     * transfer runs: the JDK's copy would have failed with FileAlreadyExistsException, and so must the call under
     * Baton, leaving the other writer's file alone. On main: Baton's own FileAlreadyExistsException, raised after the
     * transfer into its temp file, was taken for a Baton failure and the call returned the temp's byte count.
     */
    @Test
    void aTargetThatAppearsDuringARefusingCopyFailsTheCopy() throws Exception {
        Path target = Files.createDirectories(work.resolve("cache")).resolve("tool.bin");
        server.stallAfter(64 * 1024);
        RunningJvm copy = probe("copy", "files-copy", server.uri("/a.bin"), target).start();
        await().atMost(PROMPTLY).until(() -> server.bytesSent() >= 64 * 1024);
        Files.writeString(target, "written by a process without Baton");
        server.resume();
        assertEquals("FAILED java.nio.file.FileAlreadyExistsException: " + target, outcome(copy.awaitExit(120)));
        assertEquals("written by a process without Baton", Files.readString(target));
        assertEquals(List.of(), leftovers(target.getParent(), target));
    }

    /**
     * HttpClient's ofFile into a directory: the JDK's send fails; under Baton, Baton delivers the body itself after
     * the transfer, and that failure must reach the caller too. On main: status 200 and a body naming a temp file
     * that no longer exists.
     */
    @Test
    void anHttpClientDownloadThatCannotBeWrittenFailsAsTheJdkFails() throws Exception {
        Path cache = Files.createDirectories(work.resolve("cache"));
        Path full = Files.createDirectories(cache.resolve("full.bin"));
        Files.writeString(full.resolve("inside"), "x");
        String withoutBaton = outcome(probe("jdk", "http-client", server.uri("/a.bin"), full).withoutAgent().run(60));
        assertTrue(withoutBaton.startsWith("FAILED "), withoutBaton);
        assertEquals(withoutBaton, outcome(probe("baton", "http-client", server.uri("/a.bin"), full).run(60)));
        assertEquals(List.of("full.bin"), leftovers(cache), "no temp file left");
    }

    /**
     * HttpClient's ofFile with the caller's own open options (APPEND) is not a whole-file download: it runs as the JDK
     * runs it. On main: each send replaced the file, which ended with the last body only.
     */
    @Test
    void anHttpClientDownloadWithItsOwnOpenOptionsRunsAsIs() throws Exception {
        Path target = Files.createDirectories(work.resolve("cache")).resolve("parts.bin");
        assertEquals("RESULT " + (a.length + b.length), outcome(probe("append", "http-client-append",
                server.uri("/a.bin"), server.uri("/b.bin"), target).run(60)));
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        assertArrayEquals(both, Files.readAllBytes(target));
    }

    /**
     * commons-io's two-argument copyURLToFile onto a symbolic link: whether it writes through the link or replaces
     * it depends on the commons-io version (2.20 replaces it, leaving the file it pointed to alone). Baton stays out
     * and the result is commons-io's own. On main: Baton wrote through the link, changing a file that others share.
     */
    @Test
    void commonsIoOntoALinkDoesWhatCommonsIoDoes() throws Exception {
        List<String> seen = new java.util.ArrayList<>();
        for (boolean agent : new boolean[] {false, true}) {
            Path dir = Files.createDirectories(work.resolve(agent ? "with" : "without"));
            Path shared = Files.writeString(dir.resolve("shared.bin"), "shared by other users");
            Path link = Files.createSymbolicLink(dir.resolve("tool.bin"), shared);
            ChildJvm jvm = probe(agent ? "baton" : "jdk", "commons-io", server.uri("/a.bin"), link);
            outcome((agent ? jvm : jvm.withoutAgent()).run(60));
            seen.add("link " + Files.isSymbolicLink(link) + ", shared file " + Files.size(shared)
                    + " bytes, target " + Files.size(link) + " bytes");
        }
        assertEquals(seen.get(0), seen.get(1), "without Baton, then with");
    }

    /**
     * Point 2. The publish fails after the transfer: a non-empty directory where the file should go. On main: the
     * call returned the byte count (one WARN line) and the target was unchanged. The JDK throws
     * DirectoryNotEmptyException naming the target; so must the call under Baton, leaving no temp file.
     */
    @Test
    void aPublishThatCannotHappenFailsAsTheJdkFails() throws Exception {
        Path cache = Files.createDirectories(work.resolve("cache"));
        Path full = Files.createDirectories(cache.resolve("full.bin"));
        Files.writeString(full.resolve("inside"), "x");
        Path empty = Files.createDirectories(cache.resolve("empty.bin"));

        String withoutBaton = outcome(probe("jdk", "files-copy", server.uri("/a.bin"), full, "replace")
                .withoutAgent().run(60));
        RunningJvm.Result underBaton = probe("baton", "files-copy", server.uri("/a.bin"), full, "replace").run(60);
        assertEquals("FAILED java.nio.file.DirectoryNotEmptyException: " + full, withoutBaton);
        assertEquals(withoutBaton, outcome(underBaton));
        assertFalse(underBaton.stderr().contains("WARN"), underBaton.toString());

        // An empty directory: the JDK deletes it and writes the file. So does Baton.
        assertEquals("RESULT " + a.length, outcome(probe("empty", "files-copy", server.uri("/a.bin"), empty,
                "replace").run(60)));
        assertArrayEquals(a, Files.readAllBytes(empty));

        // commons-io refuses a directory with its own exception.
        String commonsWithout = outcome(probe("cio-jdk", "commons-io", server.uri("/a.bin"), full).withoutAgent()
                .run(60));
        assertEquals(commonsWithout, outcome(probe("cio", "commons-io", server.uri("/a.bin"), full).run(60)));
        assertTrue(commonsWithout.startsWith("FAILED "), commonsWithout);
        assertEquals(List.of("full.bin", "empty.bin").stream().sorted().toList(),
                leftovers(cache).stream().sorted().toList(), "no temp file left");
    }

    /**
     * Point 2 and "locks everyone agrees on". Two processes with different baton.lock.dir write one target. On main:
     * each locked in its own directory, the second deleted the first one's temp file as a "leftover", and the first
     * one's failed publish was reported as a success.
     */
    @Test
    void processesWithDifferentLockDirectoriesMeetOnOneLock() throws Exception {
        Path target = Files.createDirectories(work.resolve("cache")).resolve("shared.bin");
        server.stallAfter(64 * 1024);
        RunningJvm first = probe("first", "files-copy", server.uri("/a.bin"), target, "replace")
                .agentArgs("lock.dir=" + work.resolve("locks-1")).start();
        await().atMost(PROMPTLY).until(() -> server.bytesSent() >= 64 * 1024);
        RunningJvm second = probe("second", "files-copy", server.uri("/b.bin"), target, "replace")
                .agentArgs("lock.dir=" + work.resolve("locks-2")).start();
        await().atMost(PROMPTLY).until(() -> waited(second));
        server.resume();

        RunningJvm.Result firstResult = first.awaitExit(120);
        assertEquals("RESULT " + a.length, outcome(firstResult));
        assertEquals("RESULT " + b.length, outcome(second.awaitExit(120)));
        assertFalse(firstResult.stderr().contains("WARN"), firstResult.toString());
        assertArrayEquals(b, Files.readAllBytes(target));
        assertEquals(List.of(), leftovers(target.getParent(), target));
    }

    /**
     * Two users share a cache through a group (setgid, group-writable directory), each with the lock directory of
     * its own home: they meet on the lock beside the file, which the first one created group-writable. On main each
     * locked in its own lock directory and nobody waited. Needs root (to run a JVM as "nobody"); skipped otherwise.
     */
    @Test
    void usersSharingACacheThroughAGroupMeetOnOneLock() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name"))
                && Files.isExecutable(Path.of("/usr/sbin/runuser")), "needs root and runuser: skipped");
        Path shared = Files.createTempDirectory("baton-shared-cache");
        try {
            Files.setPosixFilePermissions(shared, java.nio.file.attribute.PosixFilePermissions.fromString(
                    "rwxr-xr-x"));
            Path cache = Files.createDirectories(shared.resolve("cache"));
            Files.setAttribute(cache, "posix:group", cache.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByGroupName("nogroup"));
            Files.setAttribute(cache, "unix:mode", 02775);
            Path nobodysLocks = Files.createDirectories(shared.resolve("nobody-locks"));
            Files.setOwner(nobodysLocks, cache.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName("nobody"));
            Path target = cache.resolve("shared.bin");

            server.stallAfter(64 * 1024);
            RunningJvm root = probe("root", "files-copy", server.uri("/a.bin"), target, "replace").start();
            await().atMost(PROMPTLY).until(() -> server.bytesSent() >= 64 * 1024);
            RunningJvm nobody = ChildJvm.on(jdk, shared).named("nobody").asUser("nobody")
                    .classPath(Artifacts.classPath(Artifacts.testClasses(), Artifacts.samplesClassPath()))
                    .agentArgs("lock.dir=" + nobodysLocks).main(PROBE, "files-copy", server.uri("/a.bin"), target,
                            "replace").start();
            await().atMost(PROMPTLY).until(() -> waited(nobody) || !nobody.process().isAlive());
            assertTrue(waited(nobody), "the other user did not wait: " + nobody.stderr());
            server.resume();
            assertEquals("RESULT " + a.length, outcome(root.awaitExit(120)));
            assertEquals("RESULT " + a.length, outcome(nobody.awaitExit(120)));
            assertArrayEquals(a, Files.readAllBytes(target));
            assertEquals(List.of(), leftovers(cache, target));
        } finally {
            deleteTree(shared);
        }
    }

    /** The lock directory deleted while a download holds its lock: the next process still waits for it. */
    @Test
    void aLockDirectoryDeletedMidRunDoesNotLetASecondWriterIn() throws Exception {
        Path target = Files.createDirectories(work.resolve("cache")).resolve("shared.bin");
        server.stallAfter(64 * 1024);
        RunningJvm first = probe("first", "files-copy", server.uri("/a.bin"), target, "replace").start();
        await().atMost(PROMPTLY).until(() -> server.bytesSent() >= 64 * 1024);
        if (Files.exists(work.resolve("locks"))) {
            deleteTree(work.resolve("locks"));
        }
        RunningJvm second = probe("second", "files-copy", server.uri("/a.bin"), target, "replace").start();
        await().atMost(PROMPTLY).until(() -> waited(second));
        server.resume();
        assertEquals("RESULT " + a.length, outcome(first.awaitExit(120)));
        assertEquals("RESULT " + a.length, outcome(second.awaitExit(120)));
        assertArrayEquals(a, Files.readAllBytes(target));
        assertEquals(List.of(), leftovers(target.getParent(), target));
    }

    /**
     * Point 4. On main: a 250-byte name failed only under Baton (the temp name was too long, and the exception named
     * the temp file); {@code missing/../x} succeeded where the JDK throws NoSuchFileException.
     */
    @Test
    void namesAndPathsBehaveExactlyAsWithoutBaton() throws Exception {
        Path cache = Files.createDirectories(work.resolve("cache"));
        Path longName = cache.resolve("n".repeat(250));
        assertEquals("RESULT " + a.length, outcome(probe("long", "files-copy", server.uri("/a.bin"), longName,
                "replace").run(60)));
        assertArrayEquals(a, Files.readAllBytes(longName));

        Path dotted = cache.resolve("missing/../x.bin");
        String jdk = outcome(probe("jdk", "files-copy", server.uri("/a.bin"), dotted).withoutAgent().run(60));
        assertTrue(jdk.startsWith("FAILED java.nio.file.NoSuchFileException"), jdk);
        assertEquals(jdk, outcome(probe("baton", "files-copy", server.uri("/a.bin"), dotted).run(60)));
        assertFalse(Files.exists(cache.resolve("x.bin")));

        // A name the file system refuses: the JDK's exception, naming the application's file, not a temp file.
        Path tooLong = cache.resolve("n".repeat(256));
        String jdkTooLong = outcome(probe("jdk-256", "files-copy", server.uri("/a.bin"), tooLong).withoutAgent()
                .run(60));
        assertTrue(jdkTooLong.startsWith("FAILED java.nio.file.FileSystemException"), jdkTooLong);
        assertEquals(jdkTooLong, outcome(probe("baton-256", "files-copy", server.uri("/a.bin"), tooLong).run(60)));
        assertEquals(List.of(longName.getFileName().toString()), leftovers(cache));
    }

    /**
     * Point 5. On main every Files.copy in the JVM took a lock, wrote a temp file and listed the directory. Copies of
     * local streams must run untouched: no lock directory, no lock or download event.
     */
    @Test
    void copiesThatAreNotDownloadsRunUntouched() throws Exception {
        Path jfr = work.resolve("local.jfr");
        RunningJvm.Result result = probe("local", "local-copies", work.resolve("out"), 500).recordTo(jfr).run(120);
        assertEquals("RESULT " + 500 * 1024, outcome(result));
        assertFalse(Files.exists(work.resolve("locks")), "a local copy took a lock");
        assertEquals(0, Recording.events(jfr, "baton.Download").size());
        assertEquals(0, Recording.events(jfr, "baton.LockWait").size());
        assertEquals(50, leftovers(work.resolve("out")).size());
    }

    /**
     * A network stream in a BufferedInputStream is still the download; one the application already read from is
     * not the whole resource any more and runs untouched (coalescing it would hand it bytes it did not ask for).
     */
    @Test
    void aBufferedNetworkStreamIsADownloadAPartlyReadOneIsNot() throws Exception {
        Path cache = Files.createDirectories(work.resolve("cache"));
        Path buffered = work.resolve("buffered.jfr");
        assertEquals("RESULT " + a.length, outcome(probe("buffered", "files-copy-buffered", server.uri("/a.bin"),
                cache.resolve("buffered.bin")).recordTo(buffered).run(60)));
        assertEquals("transferred", Recording.events(buffered, "baton.Download").get(0).getString("outcome"));

        Path peeked = work.resolve("peeked.jfr");
        assertEquals("RESULT " + (a.length - 1), outcome(probe("peeked", "files-copy-after-peek",
                server.uri("/a.bin"), cache.resolve("peeked.bin")).recordTo(peeked).run(60)));
        assertEquals(0, Recording.events(peeked, "baton.Download").size());
        assertArrayEquals(java.util.Arrays.copyOfRange(a, 1, a.length), Files.readAllBytes(cache.resolve(
                "peeked.bin")));
    }

    /**
     * Point 6. A process that checked for the file before a peer published it, but downloads after, reuses the
     * peer's fresh publish of the same source. On main it transferred again.
     */
    @Test
    void aLateArrivalReusesAPeersFreshDownloadOfTheSameSource() throws Exception {
        Path target = Files.createDirectories(work.resolve("cache")).resolve("late.bin");
        Path go = work.resolve("go");
        RunningJvm late = probe("late", "late", "http-client", server.uri("/a.bin"), target, go).start();
        await().atMost(PROMPTLY).until(() -> late.stdout().contains("CHECKED false"));
        assertEquals("RESULT 200", outcome(probe("early", "http-client", server.uri("/a.bin"), target).run(60)));
        Files.writeString(go, "go");
        assertEquals("RESULT 200", outcome(late.awaitExit(60)));
        assertEquals(1, server.requests(), "the late arrival transferred again: " + server.counts());
        assertArrayEquals(a, Files.readAllBytes(target));

        // Another source into the same target is never taken for the peer's.
        assertEquals("RESULT 200", outcome(probe("other", "http-client", server.uri("/b.bin"), target).run(60)));
        assertArrayEquals(b, Files.readAllBytes(target));
        assertEquals(2, server.requests(), server.counts());
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
