package dev.baton.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.instrument.Call;
import dev.baton.instrument.MethodTarget;
import dev.baton.instrument.Refusal;

/** {@code publish=argN}: the written file appears in one rename; failures leave no temp file and name the target. */
class PublicationTest {
    @TempDir
    Path dir;

    /** A call of a method like takari's downloadFileFromURL(String, File): it writes its File argument in place. */
    private static class WritingCall implements Call {
        private final Object[] arguments;
        private final byte[] content;
        private final boolean fail;
        final List<Object> written = new ArrayList<>();

        WritingCall(Object target, byte[] content, boolean fail) {
            this.arguments = new Object[] {"http://127.0.0.1/x.jar", target};
            this.content = content;
            this.fail = fail;
        }

        @Override
        public Object self() {
            return null;
        }

        @Override
        public Object[] arguments() {
            return arguments;
        }

        @Override
        public MethodTarget target() {
            return new MethodTarget("Tool", "download", "(Ljava/lang/String;Ljava/io/File;)V");
        }

        @Override
        public String descriptor() {
            return "(Ljava/lang/String;Ljava/io/File;)V";
        }

        @Override
        public Object proceed() throws Throwable {
            return proceedWith(arguments);
        }

        @Override
        public Object proceedWith(Object[] args) throws Throwable {
            File file = (File) args[1];
            written.add(file);
            try (FileOutputStream out = new FileOutputStream(file)) {
                out.write(content, 0, content.length / 2);
                if (fail) {
                    throw new FileNotFoundException(file + " (No space left on device)");
                }
                out.write(content, content.length / 2, content.length - content.length / 2);
            }
            return null;
        }
    }

    @Test
    void theMethodWritesATempSiblingThatIsRenamedOverTheTarget() throws Throwable {
        Path target = dir.resolve("maven-wrapper.jar");
        Files.writeString(target, "old");
        byte[] content = "the new jar, complete".getBytes(StandardCharsets.UTF_8);
        WritingCall call = new WritingCall(target.toFile(), content, false);
        Publication.run(call, 1);
        assertArrayEquals(content, Files.readAllBytes(target));
        File used = (File) call.written.get(0);
        assertNotEquals(target.toFile().getAbsoluteFile(), used, "the method never wrote the target itself");
        assertEquals(target.getParent(), used.toPath().getParent(), "a sibling: the rename stays on one file system");
        assertTrue(used.getName().startsWith(".maven-wrapper.jar.baton-"), used.getName());
        assertEquals(List.of(target), listing());
    }

    @Test
    void aFailureLeavesTheTargetAloneRemovesTheTempAndNamesTheTarget() throws Throwable {
        Path target = dir.resolve("maven-wrapper.jar");
        Files.writeString(target, "old");
        WritingCall call = new WritingCall(target.toFile(), new byte[64], true);
        // A Refusal: the method's own outcome, which the dispatcher hands to the caller as it is.
        Throwable thrown = assertThrows(Refusal.class, () -> Publication.run(call, 1)).toThrow();
        assertEquals(FileNotFoundException.class, thrown.getClass());
        assertEquals(target + " (No space left on device)", thrown.getMessage());
        assertEquals("old", Files.readString(target), "readers keep the old file");
        assertEquals(List.of(target), listing(), "no temp file left behind");
    }

    @Test
    void pathAndStringArgumentsKeepTheirType() throws Throwable {
        Path target = dir.resolve("a.bin");
        Object[] seen = new Object[1];
        Call call = new WritingCall(target.toString(), new byte[0], false) {
            @Override
            public Object proceedWith(Object[] args) throws IOException {
                seen[0] = args[1];
                Files.writeString(Path.of((String) args[1]), "x");
                return Boolean.TRUE;
            }
        };
        assertEquals(Boolean.TRUE, Publication.run(call, 1));
        assertTrue(seen[0] instanceof String, String.valueOf(seen[0]));
        assertEquals("x", Files.readString(target));
    }

    @Test
    void aTargetWhoseDirectoryIsMissingRunsTheMethodAsIs() throws Throwable {
        Path target = dir.resolve("missing/maven-wrapper.jar");
        WritingCall call = new WritingCall(target.toFile(), new byte[4], false);
        assertThrows(FileNotFoundException.class, () -> Publication.run(call, 1));
        assertEquals(target.toFile(), call.written.get(0), "the original's own failure, on its own target");
        assertFalse(Files.exists(target.getParent()));
    }

    /** A method that writes nothing (it found nothing to do) must not have an empty file published for it. */
    @Test
    void aMethodThatWritesNothingLeavesTheTargetAsItWas() throws Throwable {
        Path target = dir.resolve("maven-wrapper.jar");
        Files.writeString(target, "old");
        Call call = new WritingCall(target.toFile(), new byte[0], false) {
            @Override
            public Object proceedWith(Object[] args) {
                return null;
            }
        };
        Publication.run(call, 1);
        assertEquals("old", Files.readString(target), "on main an empty temp file replaced the target");
        assertEquals(List.of(target), listing());
    }

    /** "Ensure it is there": a method that skips a file it finds must find no file Baton made for it. */
    @Test
    void aMethodThatSkipsAnExistingFileStillWritesAFileThatIsNotThere() throws Throwable {
        Path target = dir.resolve("tool.bin");
        Call call = new WritingCall(target.toFile(), new byte[0], false) {
            @Override
            public Object proceedWith(Object[] args) throws IOException {
                File file = (File) args[1];
                if (!file.exists()) {
                    Files.writeString(file.toPath(), "whole");
                }
                return null;
            }
        };
        Publication.run(call, 1);
        assertEquals("whole", Files.readString(target), "on main the method saw Baton's empty temp and skipped");
    }

    @Test
    void aMethodThatCreatesItsFileExclusivelySucceeds() throws Throwable {
        Path target = dir.resolve("a.bin");
        Call call = new WritingCall(target, new byte[0], false) {
            @Override
            public Object proceedWith(Object[] args) throws IOException {
                Files.copy(new ByteArrayInputStream(new byte[] {1, 2, 3}), (Path) args[1]);
                return null;
            }
        };
        Publication.run(call, 1);
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(target));
    }

    /** Writing a file in place keeps its permissions (an executable stays executable). */
    @Test
    void anExistingFileKeepsItsPermissions() throws Throwable {
        Path target = dir.resolve("mvnw");
        Files.writeString(target, "#!/bin/sh");
        Set<PosixFilePermission> executable = PosixFilePermissions.fromString("rwxr-x---");
        Files.setPosixFilePermissions(target, executable);
        Publication.run(new WritingCall(target.toFile(), "#!/bin/sh\nexit 0".getBytes(StandardCharsets.UTF_8),
                false), 1);
        assertEquals("#!/bin/sh\nexit 0", Files.readString(target));
        assertEquals(executable, Files.getPosixFilePermissions(target));
    }

    /** Writing through a symbolic link updates the file it points to; the link stays. */
    @Test
    void aLinkIsWrittenThrough() throws Throwable {
        Path real = Files.createDirectory(dir.resolve("store")).resolve("tool.jar");
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(dir.resolve("tool.jar"), real);
        Publication.run(new WritingCall(link.toFile(), "new".getBytes(StandardCharsets.UTF_8), false), 1);
        assertTrue(Files.isSymbolicLink(link), "on main the link was replaced by a file");
        assertEquals("new", Files.readString(real));
    }

    /** A name the file system accepts gets a temp name it accepts too. */
    @Test
    void aLongNameIsPublished() throws Throwable {
        Path target = dir.resolve("x".repeat(250) + ".jar");
        Publication.run(new WritingCall(target.toFile(), "whole".getBytes(StandardCharsets.UTF_8), false), 1);
        assertEquals("whole", Files.readString(target), "on main the temp name was too long");
    }

    /**
     * Two publications into one target at once (two keys of a rule, one JVM) each get their own temp file: readers
     * then see one whole file or the other. Named by the lock's generation, as before this test, both wrote one temp.
     */
    @Test
    void publicationsAtOnceIntoOneTargetNeverShareATempFile() throws Throwable {
        Path target = dir.resolve("tool.jar");
        List<Object> temps = new ArrayList<>();
        WritingCall inner = new WritingCall(target.toFile(), "inner".getBytes(StandardCharsets.UTF_8), false);
        Call outer = new WritingCall(target.toFile(), new byte[0], false) {
            @Override
            public Object proceedWith(Object[] args) throws Throwable {
                temps.add(args[1]);
                Files.writeString(((File) args[1]).toPath(), "outer, half");
                Publication.run(inner, 1);
                Files.writeString(((File) args[1]).toPath(), "outer, whole");
                return null;
            }
        };
        Publication.run(outer, 1);
        temps.addAll(inner.written);
        assertNotEquals(temps.get(0), temps.get(1));
        assertEquals("outer, whole", Files.readString(target));
        assertEquals(List.of(target), listing());
    }

    /** The method wrote its file, but it cannot be put in place: the call fails, it never reports a success. */
    @Test
    void aPublishThatFailsAfterTheMethodFailsTheCall() throws Throwable {
        Path target = dir.resolve("tool.jar");
        Call call = new WritingCall(target.toFile(), new byte[0], false) {
            @Override
            public Object proceedWith(Object[] args) throws IOException {
                Files.writeString(((File) args[1]).toPath(), "whole");
                Files.createDirectories(target.resolve("in the way"));
                return null;
            }
        };
        Throwable thrown = assertThrows(Refusal.class, () -> Publication.run(call, 1)).toThrow();
        assertTrue(thrown instanceof IOException, thrown.toString());
        assertTrue(thrown.getMessage().contains(target.toString()), thrown.getMessage());
        assertEquals(List.of(target), listing(), "no temp file left behind");
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
