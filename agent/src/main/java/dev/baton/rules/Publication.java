package dev.baton.rules;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Set;

import org.objectweb.asm.Type;

import dev.baton.instrument.Call;
import dev.baton.instrument.Refusal;
import dev.baton.publish.PublishTarget;
import dev.baton.publish.TempFiles;
import dev.baton.publish.TempNames;

/**
 * {@code publish=argN}: the method writes the file its argument N names (a {@link File}, {@link Path} or path
 * string) in place, so peers can read it half-written. The method gets a hidden temp sibling instead, and when it
 * returns normally what it wrote there is renamed over the target in one step: readers see the old file or the whole
 * new one.
 *
 * <p>The method must meet what it would meet without Baton, except the half-written file: the temp name is only
 * reserved, never created, so a method that creates its file exclusively, or skips a file it finds, behaves as it
 * would for a missing target; a method that writes nothing leaves the target as it was; the target keeps its
 * permissions, and a symbolic link is written through, as an in-place write would. Where Baton cannot publish (a
 * directory it cannot write, a target that is not a writable regular file) the method runs as is. If the method
 * throws, the temp file is removed and its exception, naming the target where it named the temp, reaches the caller.
 */
final class Publication {
    /** The declared parameter types a temp File, Path or String can be passed as. */
    private static final Set<String> FILE_FITS = Set.of("java.io.File", "java.lang.Object", "java.io.Serializable",
            "java.lang.Comparable");
    private static final Set<String> PATH_FITS = Set.of("java.nio.file.Path", "java.lang.Object",
            "java.lang.Comparable", "java.lang.Iterable", "java.nio.file.Watchable");
    private static final Set<String> STRING_FITS = Set.of("java.lang.String", "java.lang.Object",
            "java.lang.CharSequence", "java.io.Serializable", "java.lang.Comparable");

    private Publication() {
    }

    static Object run(Call call, int index) throws Throwable {
        Object[] arguments = call.arguments().clone();
        Object original = arguments[index];
        Path requested = path(original);
        PublishTarget target = requested == null ? null : PublishTarget.resolve(requested, true);
        if (target == null || !writableInPlace(target) || !acceptsTemp(call.descriptor(), index, original)) {
            // Nothing Baton can publish into, or no temp the parameter can take: the method meets the same
            // situation it would without Baton.
            return call.proceed();
        }
        // Never named by the lock's generation as downloads are: a rule's key need not be its target, so two
        // holders of different keys in one JVM could share a name and write one temp file together.
        Path temp = TempFiles.unlocked(target);
        arguments[index] = sameKind(original, temp);
        try {
            Object result = call.proceedWith(arguments);
            if (Files.exists(temp, LinkOption.NOFOLLOW_LINKS)) {
                publish(temp, target);
            }
            return namingTheTarget(result, temp, original, requested);
        } catch (Throwable failure) {
            // The method ran on the temp file: this is its outcome (a Refusal, so the dispatcher does not take it
            // for Baton's failure and return the temp run's result as a success).
            throw Refusal.of(TempNames.hide(failure, temp, requested.toString()));
        } finally {
            TempFiles.deleteQuietly(temp);
        }
    }

    /** An in-place write could succeed: no file yet, or a regular file Baton may write. */
    private static boolean writableInPlace(PublishTarget target) {
        return !target.exists() || target.isCompleteFile() && Files.isWritable(target.path());
    }

    /**
     * The method's result as the caller would have had it: a method that returns the file it wrote (the temp, as a
     * File, Path or path string) returns the caller's own argument, or its path in the result's kind. The temp is
     * gone by now; handing out its name was a false result (the caller's next use of it failed).
     */
    private static Object namingTheTarget(Object result, Path temp, Object original, Path requested) {
        Path named = result instanceof File || result instanceof Path || result instanceof String ? path(result) : null;
        if (named == null || !named.toAbsolutePath().normalize().equals(temp.toAbsolutePath().normalize())) {
            return result;
        }
        if (result.getClass() == original.getClass()) {
            return original;
        }
        return result instanceof File ? requested.toFile() : result instanceof Path ? requested : requested.toString();
    }

    /**
     * Renames the temp over the target. Permissions: an in-place write keeps the target's unless the method changes
     * them (a launcher made executable). The temp was created by the method, so it starts with a new file's
     * permissions; if it still has exactly those, the method set none and the target's are copied onto it, else the
     * method's are kept. Where the file system cannot rename, the target is written in place from the temp: what the
     * method would have produced, or the natural exception of writing the target.
     */
    private static void publish(Path temp, PublishTarget target) throws IOException {
        if (target.exists() && !methodSetPermissions(temp, target)) {
            keepPermissions(target.path(), temp);
        }
        try {
            Files.move(temp, target.path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UnsupportedOperationException cannotRename) {
            try (OutputStream out = Files.newOutputStream(target.path())) {
                Files.copy(temp, out);
            }
        }
    }

    /**
     * Whether the temp's permissions differ from those a file newly created beside the target gets (the umask's,
     * read from a probe file made and removed here, under a temp name of its own): then the method set them.
     */
    private static boolean methodSetPermissions(Path temp, PublishTarget target) {
        if (Files.getFileAttributeView(temp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS) == null) {
            return false;
        }
        Path probe = TempFiles.unlocked(target);
        try {
            Files.createFile(probe);
            return !Files.getPosixFilePermissions(temp, LinkOption.NOFOLLOW_LINKS)
                    .equals(Files.getPosixFilePermissions(probe, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | RuntimeException cannotProbe) {
            return false; // As before: the target's permissions.
        } finally {
            TempFiles.deleteQuietly(probe);
        }
    }

    private static void keepPermissions(Path target, Path temp) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        if (view != null) {
            view.setPermissions(Files.getPosixFilePermissions(target));
        }
    }

    private static Path path(Object argument) {
        if (argument instanceof File) {
            return ((File) argument).toPath();
        }
        if (argument instanceof Path) {
            return (Path) argument;
        }
        if (argument instanceof String) {
            return Path.of((String) argument);
        }
        return null;
    }

    /**
     * Whether parameter {@code index} is declared with a type the temp of {@link #sameKind} fits: a plain File, a
     * Path of the default file system or a String, or one of their supertypes. A subclass of File, say, cannot take
     * it (the call would fail in reflection, not in the method).
     */
    private static boolean acceptsTemp(String descriptor, int index, Object original) {
        Type[] parameters = Type.getArgumentTypes(descriptor);
        if (index >= parameters.length) {
            return false;
        }
        String declared = parameters[index].getClassName();
        Set<String> fits = original instanceof File ? FILE_FITS : original instanceof Path ? PATH_FITS : STRING_FITS;
        return fits.contains(declared);
    }

    private static Object sameKind(Object original, Path temp) {
        if (original instanceof File) {
            return temp.toFile();
        }
        if (original instanceof Path) {
            return temp;
        }
        return temp.toString();
    }
}
