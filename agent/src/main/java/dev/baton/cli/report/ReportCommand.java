package dev.baton.cli.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.baton.cli.Command;

/**
 * {@code report recording.jfr... [--html out.html]}: summarises Baton's events in JFR recordings; give the
 * recordings of all processes that shared the cache to see them in one report.
 */
public final class ReportCommand implements Command {
    @Override
    public String name() {
        return "report";
    }

    @Override
    public String usage() {
        return "recording.jfr... [--html out.html]";
    }

    @Override
    public String summary() {
        return "summarise Baton's JFR events of one or more recordings (record with the jfc settings); "
                + "--html also writes a page with a timeline";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        List<Path> recordings = new ArrayList<>();
        Path html = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--html")) {
                if (i + 1 == args.size()) {
                    err.println("baton report: --html needs a file name");
                    return 2;
                }
                html = Path.of(args.get(++i));
            } else if (arg.startsWith("--html=")) {
                html = Path.of(arg.substring("--html=".length()));
            } else if (arg.startsWith("-")) {
                err.println("baton report: unknown option '" + arg + "'; usage: report " + usage());
                return 2;
            } else {
                recordings.add(Path.of(arg));
            }
        }
        if (recordings.isEmpty()) {
            err.println("baton report: no recording given; usage: report " + usage());
            return 2;
        }
        for (Path recording : recordings) {
            if (!Files.isRegularFile(recording)) {
                err.println("baton report: no such file: " + recording);
                return 2;
            }
        }
        Report report;
        try {
            report = RecordingReader.read(recordings);
        } catch (IOException | RuntimeException e) {
            // RecordingFile reports corrupt or truncated files as IOException, unknown formats sometimes unchecked.
            err.println("baton report: cannot read " + recordings + " as JFR recordings: " + e);
            return 2;
        }
        TextRenderer.render(report, out);
        if (html != null) {
            try {
                Files.writeString(html, HtmlRenderer.render(report), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("baton report: cannot write " + html + ": " + e);
                return 2;
            }
            err.println("baton report: wrote " + html);
        }
        return 0;
    }
}
