package dev.baton.samples.install;

import java.util.ArrayList;
import java.util.List;

/**
 * A legacy plugin installer, as found in CI workers that share one install prefix: it shells out to
 * {@code npm install --prefix PREFIX PACKAGES...} and reports npm's exit code. Eight of these at once lose each
 * other's packages from node_modules and package.json. Knows nothing of Baton.
 *
 * <p>Usage: LegacyInstaller [--through-shell] PREFIX PACKAGE... (package names, tarballs or folders, as npm takes
 * them). With {@code --through-shell} it runs {@code sh -c "cd PREFIX && npm install ..."}, as build tools often do.
 */
public final class LegacyInstaller {
    private LegacyInstaller() {
    }

    public static void main(String[] args) throws Exception {
        boolean throughShell = args[0].equals("--through-shell");
        int first = throughShell ? 1 : 0;
        List<String> command = new ArrayList<>(List.of("npm", "install", "--prefix", args[first], "--no-audit",
                "--no-fund", "--no-progress"));
        for (int i = first + 1; i < args.length; i++) {
            command.add(args[i]);
        }
        if (throughShell) {
            StringBuilder script = new StringBuilder("cd '" + args[first] + "' && npm install --no-audit --no-fund"
                    + " --no-progress");
            for (int i = first + 1; i < args.length; i++) {
                script.append(" '").append(args[i]).append('\'');
            }
            command = List.of("sh", "-c", script.toString());
        }
        Process npm = new ProcessBuilder(command).inheritIO().start();
        int exit = npm.waitFor();
        System.out.println("npm exit " + exit);
        System.exit(exit);
    }
}
