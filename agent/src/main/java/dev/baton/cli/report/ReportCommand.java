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
    static final int OK = 0;
    /** The report was written, but at least one recording could not be read completely (it is named). */
    static final int INCOMPLETE = 1;
    static final int USAGE = 2;

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
                    return USAGE;
                }
                html = Path.of(args.get(++i));
            } else if (arg.startsWith("--html=")) {
                html = Path.of(arg.substring("--html=".length()));
            } else if (arg.startsWith("-")) {
                err.println("baton report: unknown option '" + arg + "'; usage: report " + usage());
                return USAGE;
            } else {
                recordings.add(Path.of(arg));
            }
        }
        if (recordings.isEmpty()) {
            err.println("baton report: no recording given; usage: report " + usage());
            return USAGE;
        }
        for (Path recording : recordings) {
            if (!Files.isRegularFile(recording)) {
                err.println("baton report: no such file: " + recording);
                return USAGE;
            }
        }
        // Everything that can be wrong with the output file is checked before reading: a long report must not
        // scroll past only to fail at the end.
        String htmlProblem = html == null ? null : unwritable(html, recordings);
        if (htmlProblem != null) {
            err.println("baton report: --html " + html + ": " + htmlProblem);
            return USAGE;
        }
        Report report = RecordingReader.read(recordings);
        for (RecordingSource bad : report.problems()) {
            err.println("baton report: " + bad.name() + " could not be read completely (" + bad.problem() + ")");
        }
        if (report.nothingRead()) {
            err.println("baton report: cannot read " + recordings + " as JFR recordings");
            return USAGE;
        }
        TextRenderer.render(report, out);
        if (html != null) {
            try {
                Files.writeString(html, HtmlRenderer.render(report), StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println("baton report: cannot write " + html + ": " + e);
                return USAGE;
            }
            err.println("baton report: wrote " + html);
        }
        return report.problems().isEmpty() ? OK : INCOMPLETE;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** Why the page cannot be written to {@code html}, or null when it can. */
    private static String unwritable(Path html, List<Path> recordings) {
        if (html.toString().isEmpty()) {
            return "needs a file name";
        }
        if (Files.isDirectory(html)) {
            return "is a directory; name a file such as report.html";
        }
        if (html.getFileName().toString().endsWith(".jfr")) {
            return "would overwrite a recording; name a file such as report.html";
        }
        for (Path recording : recordings) {
            if (sameFile(recording, html)) {
                return "is one of the recordings";
            }
        }
        Path parent = html.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return "no such directory " + parent;
        }
        if (!Files.isWritable(parent) || Files.exists(html) && !Files.isWritable(html)) {
            return "not writable";
        }
        return null;
    }
}
