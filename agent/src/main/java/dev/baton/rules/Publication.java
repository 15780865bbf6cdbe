package dev.baton.rules;

import java.io.File;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ThreadLocalRandom;

import dev.baton.instrument.Call;

/**
 * {@code publish=argN}: the method writes the file its argument N names (a {@link File}, {@link Path} or path
 * string) in place, so peers can read it half-written. The method gets a hidden temp sibling instead, and when it
 * returns normally the temp file is renamed over the target in one step: readers see the old file or the whole new
 * one. If the method throws, the temp file is removed and its exception, with the target's name where it named the
 * temp file, reaches the caller.
 */
final class Publication {
    private Publication() {
    }

    static Object run(Call call, int index) throws Throwable {
        Object[] arguments = call.arguments().clone();
        Object original = arguments[index];
        Path target = path(original);
        if (target == null || target.getParent() == null || !Files.isDirectory(target.getParent())) {
            // Nothing Baton can publish into: the method meets the same situation it would without Baton.
            return call.proceed();
        }
        Path temp = target.resolveSibling("." + target.getFileName() + ".baton-"
                + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
        Files.createFile(temp);
        arguments[index] = sameKind(original, temp);
        Object result;
        try {
            result = call.proceedWith(arguments);
        } catch (Throwable failure) {
            Files.deleteIfExists(temp);
            throw naming(failure, temp, target);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (Throwable failure) {
            Files.deleteIfExists(temp);
            throw naming(failure, temp, target);
        }
        return result;
    }

    private static Path path(Object argument) {
        if (argument instanceof File) {
            return ((File) argument).toPath().toAbsolutePath();
        }
        if (argument instanceof Path) {
            return ((Path) argument).toAbsolutePath();
        }
        if (argument instanceof String) {
            return Path.of((String) argument).toAbsolutePath();
        }
        return null;
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

    /**
     * The application never sees Baton's temp file name: a message that names it is rebuilt, in the same exception
     * type, naming the target (when the type has a (String) constructor; otherwise the exception stays as it is).
     */
    static Throwable naming(Throwable failure, Path temp, Path target) {
        String message = failure.getMessage();
        if (message == null || !message.contains(temp.toString())) {
            return failure;
        }
        try {
            Constructor<? extends Throwable> constructor = failure.getClass().getConstructor(String.class);
            Throwable renamed = constructor.newInstance(message.replace(temp.toString(), target.toString()));
            renamed.setStackTrace(failure.getStackTrace());
            if (failure.getCause() != null) {
                renamed.initCause(failure.getCause());
            }
            for (Throwable suppressed : failure.getSuppressed()) {
                renamed.addSuppressed(suppressed);
            }
            return renamed;
        } catch (ReflectiveOperationException | RuntimeException notRebuildable) {
            return failure;
        }
    }
}
