package dev.baton.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

import dev.baton.cli.report.JfcCommand;
import dev.baton.cli.report.ReportCommand;
import dev.baton.core.Version;

/** {@code java -jar baton-agent.jar COMMAND ...}: dispatches to the commands. */
public final class BatonCli {
    private BatonCli() {
    }

    static List<Command> commands() {
        return List.of(new ConfigCommand(), new RecipesCommand(), new ReportCommand(), new ScanCommand(),
                new JfcCommand());
    }

    public static void main(String[] args) throws Exception {
        int status = run(Arrays.asList(args), System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Exit statuses, the same for every command (README, "Command line"). */
    static final int OK = 0;
    static final int USAGE = 2;

    static int run(List<String> args, PrintStream out, PrintStream err) throws Exception {
        // Running the jar with nothing is how people ask what it does: that is a help request, not a mistake.
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h") || args.get(0).equals("help")) {
            help(out);
            return OK;
        }
        if (args.get(0).equals("--version") || args.get(0).equals("version")) {
            out.println("baton " + Version.get());
            return 0;
        }
        for (Command command : commands()) {
            if (command.name().equals(args.get(0))) {
                return command.run(args.subList(1, args.size()), out, err);
            }
        }
        err.println("baton: unknown command '" + args.get(0) + "'; run with --help for the list");
        return USAGE;
    }

    private static void help(PrintStream out) {
        out.println("Baton " + Version.get() + ": safe, fast sharing of caches, install directories and SQLite files");
        out.println();
        out.println("As an agent:  java -javaagent:baton-agent.jar[=key=value,...] -jar app.jar");
        out.println("Commands:     java -jar baton-agent.jar COMMAND");
        out.println();
        for (Command command : commands()) {
            out.printf("  %-8s %s%n           %s%n", command.name(), command.usage(), command.summary());
        }
        out.printf("  %-8s %s%n", "--help", "this text");
        out.printf("  %-8s %s%n", "version", "print the version");
        out.println();
        out.println("Exit status: 0 done (or help), 1 report written but a recording could not be read completely,");
        out.println("             2 usage or configuration error (one line on stderr says which)");
    }
}
