package dev.baton.download;

import java.io.File;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.util.List;

import dev.baton.instrument.Call;
import dev.baton.instrument.MethodTarget;

/**
 * commons-io {@code FileUtils}: copyURLToFile (Baton owns the request, so it may retry) and
 * copyInputStreamToFile / copyToFile (caller streams, never retried). All four return void; a coalesced
 * copyInputStreamToFile closes the stream as commons-io would have.
 */
final class CommonsIoInterceptor extends DownloadIdiom {
    private static final String FILE_UTILS = "org.apache.commons.io.FileUtils";
    static final List<MethodTarget> TARGETS = List.of(
            new MethodTarget(FILE_UTILS, "copyURLToFile", "(Ljava/net/URL;Ljava/io/File;)V"),
            new MethodTarget(FILE_UTILS, "copyURLToFile", "(Ljava/net/URL;Ljava/io/File;II)V"),
            new MethodTarget(FILE_UTILS, "copyInputStreamToFile", "(Ljava/io/InputStream;Ljava/io/File;)V"),
            new MethodTarget(FILE_UTILS, "copyToFile", "(Ljava/io/InputStream;Ljava/io/File;)V"));

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
