package dev.baton.cli;

import java.io.PrintStream;
import java.util.List;

/** One subcommand of {@code java -jar baton-agent.jar}. */
public interface Command {
    String name();

    /** Usage line after the command name, e.g. "recording.jfr [--html out.html]". */
    String usage();

    String summary();

    /** Returns the process exit status. */
    int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
