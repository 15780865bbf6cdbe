package dev.baton.samples.install;

import java.util.ArrayList;
import java.util.List;

/**
 * A legacy plugin installer, as found in CI workers that share one install prefix: it shells out to
 * {@code npm install --prefix PREFIX PACKAGES...} and reports npm's exit code. Eight of these at once lose each
 * other's packages from node_modules and package.json. Knows nothing of Baton.
 *
 * <p>Usage: LegacyInstaller PREFIX PACKAGE... (package names, tarballs or folders, as npm takes them)
 */
public final class LegacyInstaller {
    private LegacyInstaller() {
    }

    public static void main(String[] args) throws Exception {
        List<String> command = new ArrayList<>(List.of("npm", "install", "--prefix", args[0], "--no-audit", "--no-fund",
                "--no-progress"));
        for (int i = 1; i < args.length; i++) {
            command.add(args[i]);
        }
        Process npm = new ProcessBuilder(command).inheritIO().start();
        int exit = npm.waitFor();
        System.out.println("npm exit " + exit);
        System.exit(exit);
    }
}
