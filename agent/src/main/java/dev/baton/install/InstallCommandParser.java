package dev.baton.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Recognises package-manager commands that change a directory: npm, pnpm and yarn (install, ci, add, remove,
 * update, ...), pip (install, uninstall; also {@code python -m pip}), and any executable listed in
 * baton.install.commands. The directory is the one the tool will write: its prefix / target option when given,
 * else the process's working directory.
 *
 * <p>A shell started with a script ({@code sh -c "npm install"}, {@code bash -lc "cd web && npm ci"}) is read
 * through: when the script is a simple command or an {@code &&} chain ({@link ShellScript}), each of its commands is
 * recognised the same way, in the directory a {@code cd} earlier in the chain moved to.
 */
final class InstallCommandParser {
    /** Options that make a bare {@code yarn} print something instead of installing. */
    private static final Set<String> YARN_INFO_OPTIONS = Set.of("--version", "-v", "--help", "-h");
    private static final Set<String> NODE_MUTATIONS = Set.of("install", "i", "in", "ins", "inst", "insta", "instal",
            "isnt", "isnta", "isntal", "isntall", "add", "ci", "clean-install", "ic", "install-clean",
            "isntall-clean", "uninstall", "un", "unlink", "remove", "rm", "r", "update", "up", "upgrade", "udpate",
            "dedupe", "ddp", "prune", "link", "ln", "rebuild", "rb", "import");
    private static final Set<String> PIP_MUTATIONS = Set.of("install", "uninstall");
    /** Options that take the next argument as their value, so it is not mistaken for the subcommand. */
    private static final Set<String> OPTIONS_WITH_VALUE = Set.of("--prefix", "-C", "--dir", "--cwd", "--target", "-t",
            "--root", "--cache", "--registry", "--userconfig", "--loglevel", "-r", "--requirement", "-c",
            "--constraint", "-i", "--index-url", "--extra-index-url", "--modules-folder", "-w", "--workspace",
            "--filter", "-F");

    private static final Set<String> PACKAGE_MANAGERS = Set.of("npm", "pnpm", "yarn", "pip", "pip3");

    private final Set<String> extraCommands;

    InstallCommandParser(List<String> extraCommands) {
        this.extraCommands = Set.copyOf(extraCommands);
    }

    /**
     * Whether a command starting with {@code executable} can be an install: a package manager or one of
     * baton.install.commands ({@code python -m pip} aside). Scan uses it to judge call sites.
     */
    boolean isInstaller(String executable) {
        String tool = toolName(executable);
        return extraCommands.contains(tool) || PACKAGE_MANAGERS.contains(tool);
    }

    /** A shell script inside a shell script inside...: real tools nest one or two levels, never more. */
    private static final int MAX_SHELL_DEPTH = 3;

    /**
     * The installs {@code command} will run, one per directory, sorted by directory so that every process takes
     * several directories' locks in the same order; empty for anything else.
     */
    List<InstallCommand> parse(List<String> command, Path workingDirectory) {
        Map<Path, InstallCommand> byDirectory = new TreeMap<>();
        collect(command, workingDirectory, 0, byDirectory);
        return List.copyOf(byDirectory.values());
    }

    private void collect(List<String> command, Path workingDirectory, int depth,
            Map<Path, InstallCommand> installs) {
        if (command.isEmpty()) {
            return;
        }
        String tool = toolName(command.get(0));
        List<String> args = command.subList(1, command.size());
        if (ShellScript.SHELLS.contains(tool) && !extraCommands.contains(tool)) {
            if (depth < MAX_SHELL_DEPTH) {
                ShellScript.of(args).flatMap(ShellScript::commands)
                        .ifPresent(chain -> collectChain(chain, workingDirectory, depth + 1, installs));
            }
            return;
        }
        single(tool, args, workingDirectory).ifPresent(install -> installs.putIfAbsent(install.directory(), install));
    }

    /** The commands of an {@code &&} chain, each in the directory the chain's {@code cd}s lead to. */
    private void collectChain(List<List<String>> chain, Path workingDirectory, int depth,
            Map<Path, InstallCommand> installs) {
        Path directory = workingDirectory;
        Map<Path, InstallCommand> found = new TreeMap<>();
        for (List<String> command : chain) {
            if (command.get(0).equals("cd")) {
                if (command.size() != 2 || command.get(1).startsWith("-")) {
                    // "cd", "cd -", "cd -P x": where the rest runs depends on the shell's state; lock what came
                    // before, never a guessed directory.
                    break;
                }
                directory = directory.resolve(command.get(1));
            } else {
                collect(command, directory, depth, found);
            }
        }
        found.forEach(installs::putIfAbsent);
    }

    private Optional<InstallCommand> single(String tool, List<String> args, Path workingDirectory) {
        if (tool.startsWith("python") && args.size() >= 2 && args.get(0).equals("-m") && args.get(1).equals("pip")) {
            tool = "pip";
            args = args.subList(2, args.size());
        }
        if (extraCommands.contains(tool)) {
            return Optional.of(new InstallCommand(tool, "", canonical(workingDirectory)));
        }
        switch (tool) {
            case "npm":
            case "pnpm":
                return node(tool, args, workingDirectory, firstPositional(args).orElse(""));
            case "yarn":
                if (firstPositional(args).filter("global"::equals).isPresent()) {
                    return yarnGlobal(args.subList(firstPositionalIndex(args) + 1, args.size()));
                }
                // A bare "yarn" installs; "yarn --version" or "yarn --help" only prints.
                if (firstPositional(args).isEmpty() && !Collections.disjoint(args, YARN_INFO_OPTIONS)) {
                    return Optional.empty();
                }
                return node(tool, args, workingDirectory, firstPositional(args).orElse("install"));
            case "pip":
            case "pip3":
                return pip(args, workingDirectory);
            default:
                return Optional.empty();
        }
    }

    private Optional<InstallCommand> node(String tool, List<String> args, Path workingDirectory, String action) {
        if (!NODE_MUTATIONS.contains(action)) {
            return Optional.empty();
        }
        if (args.contains("-g") || args.contains("--global")) {
            return Optional.of(new InstallCommand(tool, action, Path.of("/" + tool + "-global")));
        }
        Optional<String> dir = optionValue(args, "--prefix", "-C", "--dir", "--cwd");
        return Optional.of(new InstallCommand(tool, action, resolve(workingDirectory, dir)));
    }

    /**
     * {@code yarn global add|remove|upgrade ...}: yarn 1's only way to change its global folder, which is yarn's
     * wherever it runs: one key, as for {@code npm -g}. ({@code yarn global list} changes nothing.)
     */
    private static Optional<InstallCommand> yarnGlobal(List<String> afterGlobal) {
        return firstPositional(afterGlobal).filter(NODE_MUTATIONS::contains)
                .map(action -> new InstallCommand("yarn", action, Path.of("/yarn-global")));
    }

    private Optional<InstallCommand> pip(List<String> args, Path workingDirectory) {
        String action = firstPositional(args).orElse("");
        if (!PIP_MUTATIONS.contains(action)) {
            return Optional.empty();
        }
        Optional<String> dir = optionValue(args, "--target", "-t", "--prefix", "--root");
        if (dir.isEmpty()) {
            // Without a target pip changes the interpreter's own site-packages: one environment, one lock.
            return Optional.of(new InstallCommand("pip", action, Path.of(args.contains("--user") ? "/pip-user"
                    : "/pip-environment")));
        }
        return Optional.of(new InstallCommand("pip", action, resolve(workingDirectory, dir)));
    }

    private static Optional<String> firstPositional(List<String> args) {
        int index = firstPositionalIndex(args);
        return index < 0 ? Optional.empty() : Optional.of(args.get(index));
    }

    /** Where the first argument that is neither an option nor an option's value is; -1 when there is none. */
    private static int firstPositionalIndex(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (OPTIONS_WITH_VALUE.contains(arg)) {
                i++;
            } else if (!arg.startsWith("-")) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<String> optionValue(List<String> args, String... names) {
        for (int i = 0; i < args.size(); i++) {
            for (String name : names) {
                if (args.get(i).equals(name) && i + 1 < args.size()) {
                    return Optional.of(args.get(i + 1));
                }
                if (args.get(i).startsWith(name + "=")) {
                    return Optional.of(args.get(i).substring(name.length() + 1));
                }
            }
        }
        return Optional.empty();
    }

    /** "/usr/bin/npm", "npm.cmd", "NPM.EXE" -> "npm". */
    static String toolName(String executable) {
        // Split on both separators: a Windows path does not split as a Path on Linux, and vice versa.
        int slash = Math.max(executable.lastIndexOf('/'), executable.lastIndexOf('\\'));
        String name = executable.substring(slash + 1).toLowerCase(Locale.ROOT);
        for (String suffix : new String[] {".cmd", ".exe", ".bat"}) {
            if (name.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    private static Path resolve(Path workingDirectory, Optional<String> dir) {
        return canonical(dir.map(workingDirectory::resolve).orElse(workingDirectory));
    }

    /** Two spellings of one directory (relative, symlinked) must share one lock. */
    static Path canonical(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            return Files.exists(absolute) ? absolute.toRealPath() : absolute;
        } catch (IOException e) {
            return absolute;
        }
    }
}
