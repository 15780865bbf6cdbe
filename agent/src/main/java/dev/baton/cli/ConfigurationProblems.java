package dev.baton.cli;

import java.io.PrintStream;

import dev.baton.config.BatonConfig;
import dev.baton.config.Problem;

/** How the commands that read a configuration end: its warnings and errors on stderr, exit 2 if any error. */
final class ConfigurationProblems {
    private ConfigurationProblems() {
    }

    static int report(BatonConfig config, PrintStream err) {
        for (String warning : config.warnings()) {
            err.println("warning: " + warning);
        }
        for (Problem problem : config.problems()) {
            err.println("error: " + problem.message());
        }
        return config.problems().isEmpty() ? 0 : 2;
    }
}
