package dev.baton.cli.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

import dev.baton.cli.Command;

/**
 * {@code jfc}: prints baton.jfc, the JFR settings that enable Baton's events. Printed from the jar rather than
 * shipped beside it so that the settings always match the agent version in use.
 */
public final class JfcCommand implements Command {
    static final String RESOURCE = "baton.jfc";

    @Override
    public String name() {
        return "jfc";
    }

    @Override
    public String usage() {
        return "> baton.jfc";
    }

    @Override
    public String summary() {
        return "print JFR settings for Baton's events; record with "
                + "-XX:StartFlightRecording:settings=default,settings=baton.jfc,filename=baton.jfr";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
        if (!args.isEmpty()) {
            err.println("baton jfc: takes no arguments; usage: jfc " + usage());
            return 2;
        }
        out.write(settings());
        out.flush();
        return 0;
    }

    static byte[] settings() throws IOException {
        try (InputStream in = JfcCommand.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException(RESOURCE + " is missing from the agent jar");
            }
            return in.readAllBytes();
        }
    }
}
