package dev.baton.download;

import java.io.InputStream;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import dev.baton.instrument.Call;

/**
 * {@code Files.copy(InputStream, Path, CopyOption...)}, coordinated only when the stream is a network download that
 * nobody read from yet ({@link NetworkStreams}); every other copy runs untouched. The stream belongs to the caller
 * (never retried). A coalesced call closes the unread stream and returns the target's size, as a successful copy
 * would; a target that existed before and no REPLACE_EXISTING still gets the JDK's own FileAlreadyExistsException.
 */
final class FilesCopyInterceptor extends DownloadIdiom {
    private static final CopyOption[] NO_OPTIONS = new CopyOption[0];

    FilesCopyInterceptor(DownloadCoordinator coordinator) {
        super(coordinator);
    }

    /** Until a network stream exists in this JVM, no copy can be a download: the original runs at once. */
    @Override
    protected boolean relevant() {
        return NetworkStreams.seen();
    }

    @Override
    public Object intercept(Call call) throws Throwable {
        Object[] args = call.arguments();
        InputStream in = (InputStream) args[0];
        Path target = (Path) args[1];
        CopyOption[] options = (CopyOption[]) args[2];
        DownloadSource source = NetworkStreams.untouchedSource(in);
        if (source == null || target == null || !onlyReplaceExisting(options)) {
            return call.proceed(); // Not a download, or the JDK's own error for these arguments.
        }
        boolean replace = options.length > 0;
        DownloadCoordinator.Outcome outcome = coordinator.download(target, source, false, replace,
                new Transfer(Transfer.Writes.NEW_FILE) {
                    @Override
                    long into(Path temp) throws Throwable {
                        return (Long) call.proceedWith(new Object[] {in, temp, NO_OPTIONS});
                    }

                    @Override
                    long deliver(Path temp) throws Throwable {
                        try (InputStream written = Files.newInputStream(temp)) {
                            return (Long) call.proceedWith(new Object[] {written, target, options});
                        }
                    }

                    @Override
                    Object original() throws Throwable {
                        return call.proceed();
                    }
                });
        if (outcome == null) {
            return call.proceed();
        }
        if (outcome.coalesced()) {
            in.close();
        }
        return outcome.originalResult() != null ? outcome.originalResult() : outcome.bytes();
    }

    /** Files.copy(InputStream...) accepts only REPLACE_EXISTING; anything else is left to the JDK to refuse. */
    private static boolean onlyReplaceExisting(CopyOption[] options) {
        if (options == null) {
            return false;
        }
        for (CopyOption option : options) {
            if (option != StandardCopyOption.REPLACE_EXISTING) {
                return false;
            }
        }
        return true;
    }
}
