package dev.baton.it.apps;

import java.util.Arrays;

/**
 * A download followed by an installer start in one JVM, for runs where one feature is switched off and the other must
 * still act: {@link DownloadProbe} (IDIOM URL TARGET), then {@link InstallProbe} once (DIR COMMAND...).
 *
 * <p>Usage: FetchThenInstallApp IDIOM URL TARGET DIR COMMAND...
 */
public final class FetchThenInstallApp {
    private FetchThenInstallApp() {
    }

    public static void main(String[] args) throws Exception {
        DownloadProbe.main(Arrays.copyOfRange(args, 0, 3));
        String[] install = new String[args.length - 1];
        install[0] = "-";
        install[1] = "1";
        System.arraycopy(args, 3, install, 2, args.length - 3);
        InstallProbe.main(install);
    }
}
