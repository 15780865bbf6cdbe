package dev.baton.download;

import java.io.InputStream;
import java.nio.file.CopyOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import dev.baton.instrument.Call;

/**
 * {@code Files.copy(InputStream, Path, CopyOption...)}: the stream belongs to the caller (never retried). Coalesced
 * calls close the unread stream and return the target's size, as a successful copy would; a target that existed
 * before and no REPLACE_EXISTING still gets the JDK's own FileAlreadyExistsException.
 */
final class FilesCopyInterceptor extends DownloadIdiom {
    FilesCopyInterceptor(DownloadCoordinator coordinator) {
        super(coordinator);
    }

    @Override
    public Object intercept(dev.baton.instrument.Call call) throws Throwable {
        Object[] args = call.arguments();
        InputStream in = (InputStream) args[0];
        Path target = (Path) args[1];
        CopyOption[] options = (CopyOption[]) args[2];
        if (in == null || target == null || options == null) {
            return call.proceed(); // the JDK's own NullPointerException
        }
        DownloadCoordinator.Outcome outcome = coordinator.download(target, null, false, replaces(options),
                temp -> (Long) proceedInto(call, in, temp, options));
        if (outcome.coalesced()) {
            in.close();
        }
        return outcome.bytes();
    }

    private static Object proceedInto(Call call, InputStream in, Path destination, CopyOption[] options)
            throws Throwable {
        return call.proceedWith(new Object[] {in, destination, options});
    }

    private static boolean replaces(CopyOption[] options) {
        for (CopyOption option : options) {
            if (option == StandardCopyOption.REPLACE_EXISTING) {
                return true;
            }
        }
        return false;
    }
}
