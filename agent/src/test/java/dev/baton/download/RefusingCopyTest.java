package dev.baton.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.baton.config.BatonConfig;
import dev.baton.config.Keys;
import dev.baton.core.BatonContext;

/**
 * A call that refuses an existing target ({@code Files.copy(stream, target)} without REPLACE_EXISTING) must refuse
 * it under Baton too, whatever {@code baton.download.ttl} says: the ttl lets a caller that would replace the target
 * take a young one instead, but taking it here turned the application's FileAlreadyExistsException into a success
 * that reported the old file's size (found by the download review).
 */
class RefusingCopyTest {
    private static final DownloadSource SOURCE = DownloadSource.of(URI.create("http://127.0.0.1:9/a.bin"), null);

    @TempDir
    Path temp;
    private BatonContext context;

    @AfterEach
    void stop() throws Exception {
        if (context != null) {
            context.lockService().close();
        }
    }

    @Test
    void aYoungTargetIsStillRefusedByACallThatNeverReplaces() throws Throwable {
        context = new BatonContext(BatonConfig.load("lock.dir=" + temp.resolve("locks"), Map.of(), Map.of()), null);
        DownloadCoordinator withTtl = new DownloadCoordinator(context.locks(), "fail",
                new DownloadRetry(1, Duration.ofSeconds(5)), Duration.ofHours(1),
                context.config().get(Keys.DOWNLOAD_REUSE_WINDOW), context.startMillis());
        Path target = Files.writeString(Files.createDirectories(temp.resolve("cache")).resolve("tool.bin"),
                "a local file");
        FileAlreadyExistsException refusal = new FileAlreadyExistsException(target.toString());

        DownloadCoordinator.Outcome outcome = withTtl.download(target, SOURCE, false, false,
                new Transfer(Transfer.Writes.IN_PLACE) {
                    @Override
                    long into(Path file) {
                        throw new AssertionError("an existing target is never downloaded over by a refusing call");
                    }

                    @Override
                    long deliver(Path file) {
                        throw new AssertionError("nothing to deliver");
                    }

                    @Override
                    Object original() {
                        return refusal; // stands for the application's own call, which would throw this
                    }
                });

        assertFalse(outcome.coalesced(), "the young target was taken instead of refused");
        assertEquals(refusal, outcome.originalResult());
        assertEquals("a local file", Files.readString(target));
    }
}
