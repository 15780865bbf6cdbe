package dev.baton.publish;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * Keeps Baton's temp files out of what the application sees: an exception that names the temp file (a transfer that
 * failed writing it) is rebuilt, same type, naming the application's target instead. Its stack trace, cause and
 * suppressed exceptions are kept.
 */
public final class TempNames {
    private TempNames() {
    }

    public static Throwable hide(Throwable failure, Path temp, String shown) {
        if (!(failure instanceof IOException) || temp == null) {
            return failure;
        }
        String tempText = temp.toString();
        String tempName = temp.getFileName().toString();
        Throwable rebuilt = failure instanceof FileSystemException fse
                ? fileSystemException(fse, tempText, tempName, shown)
                : withMessage(failure, replace(failure.getMessage(), tempText, tempName, shown));
        if (rebuilt == failure) {
            return failure;
        }
        rebuilt.setStackTrace(failure.getStackTrace());
        if (failure.getCause() != null && rebuilt.getCause() == null) {
            rebuilt.initCause(hide(failure.getCause(), temp, shown));
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            rebuilt.addSuppressed(suppressed);
        }
        return rebuilt;
    }

    private static Throwable fileSystemException(FileSystemException e, String tempText, String tempName,
            String shown) {
        String file = replace(e.getFile(), tempText, tempName, shown);
        String other = replace(e.getOtherFile(), tempText, tempName, shown);
        String reason = replace(e.getReason(), tempText, tempName, shown);
        if (same(file, e.getFile()) && same(other, e.getOtherFile()) && same(reason, e.getReason())) {
            return e;
        }
        Throwable rebuilt = construct(e.getClass(), new Class<?>[] {String.class, String.class, String.class},
                file, other, reason);
        if (rebuilt == null && other == null && reason == null) {
            rebuilt = construct(e.getClass(), new Class<?>[] {String.class}, file);
        }
        return rebuilt != null ? rebuilt : new FileSystemException(file, other, reason);
    }

    private static Throwable withMessage(Throwable failure, String message) {
        if (same(message, failure.getMessage())) {
            return failure;
        }
        Throwable rebuilt = construct(failure.getClass(), new Class<?>[] {String.class}, message);
        return rebuilt != null ? rebuilt : new IOException(message);
    }

    private static Throwable construct(Class<?> type, Class<?>[] parameters, Object... arguments) {
        try {
            Constructor<?> constructor = type.getConstructor(parameters);
            return (Throwable) constructor.newInstance(arguments);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static String replace(String text, String tempText, String tempName, String shown) {
        if (text == null) {
            return null;
        }
        String replaced = text.replace(tempText, shown);
        String shownName = Path.of(shown).getFileName() == null ? shown : Path.of(shown).getFileName().toString();
        return replaced.replace(tempName, shownName);
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
