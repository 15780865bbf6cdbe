package dev.baton.download;

import java.io.File;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;

import dev.baton.instrument.Call;

/**
 * commons-io {@code FileUtils}: copyURLToFile (Baton owns the request, so it may retry) and
 * copyInputStreamToFile / copyToFile (caller streams, never retried). All four return void; a coalesced
 * copyInputStreamToFile closes the stream as commons-io would have.
 */
final class CommonsIoInterceptor extends DownloadIdiom {
    CommonsIoInterceptor(DownloadCoordinator coordinator) {
        super(coordinator);
    }

    @Override
    public Object intercept(Call call) throws Throwable {
        Object[] args = call.arguments();
        File target = (File) args[1];
        if (args[0] == null || target == null) {
            return call.proceed();
        }
        boolean ownsRequest = args[0] instanceof URL;
        String url = ownsRequest ? args[0].toString() : null;
        DownloadCoordinator.Outcome outcome = coordinator.download(target.toPath(), url, ownsRequest, true, temp -> {
            Object[] redirected = args.clone();
            redirected[1] = temp.toFile();
            call.proceedWith(redirected);
            return Files.size(temp);
        });
        if (outcome.coalesced() && call.target().methodName().equals("copyInputStreamToFile")) {
            ((InputStream) args[0]).close();
        }
        return null;
    }
}
