package dev.baton.download;

import java.io.File;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.baton.instrument.Call;

/**
 * commons-io {@code FileUtils}: copyURLToFile of an http(s) URL (Baton owns the request, so it may retry), and
 * copyInputStreamToFile / copyToFile of a network stream nobody read from yet (caller streams, never retried). Other
 * URLs and streams run untouched. All four write through an existing target and return void; a coalesced
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
        boolean ownsRequest = args[0] instanceof URL;
        DownloadSource source = ownsRequest ? sourceOf((URL) args[0])
                : NetworkStreams.untouchedSource((InputStream) args[0]);
        if (source == null || target == null || linkOfUnknownMeaning(call, target)) {
            return call.proceed();
        }
        DownloadCoordinator.Outcome outcome = coordinator.download(target.toPath(), source, ownsRequest, true,
                new Transfer(Transfer.Writes.IN_PLACE) {
                    @Override
                    long into(Path temp) throws Throwable {
                        Object[] redirected = args.clone();
                        redirected[1] = temp.toFile();
                        call.proceedWith(redirected);
                        return Files.size(temp);
                    }

                    @Override
                    long deliver(Path temp) throws Throwable {
                        Object[] fromTemp = args.clone();
                        try (InputStream written = Files.newInputStream(temp)) {
                            // commons-io's own call on the application's target: its result, its exceptions.
                            fromTemp[0] = ownsRequest ? temp.toUri().toURL() : written;
                            call.proceedWith(fromTemp);
                        }
                        return Files.size(target.toPath());
                    }
                });
        if (outcome == null) {
            return call.proceed();
        }
        if (outcome.coalesced() && call.target().methodName().equals("copyInputStreamToFile")) {
            ((InputStream) args[0]).close();
        }
        return null;
    }

    private static DownloadSource sourceOf(URL url) {
        try {
            return DownloadSource.of(url.toURI(), null);
        } catch (URISyntaxException notAUri) {
            return null;
        }
    }

    /**
     * {@code copyURLToFile(URL, File)} onto a symbolic link writes through it in older commons-io versions and
     * replaces it in newer ones (2.20: {@code Files.copy} with REPLACE_EXISTING): Baton cannot tell which this
     * application has, so it stays out and commons-io does what it does.
     */
    private static boolean linkOfUnknownMeaning(Call call, File target) {
        return call.descriptor().equals("(Ljava/net/URL;Ljava/io/File;)V") && Files.isSymbolicLink(target.toPath());
    }
}
