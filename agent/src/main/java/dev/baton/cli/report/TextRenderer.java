package dev.baton.cli.report;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints the report tables as aligned plain text for a terminal or a CI log. */
public final class TextRenderer {
    private static final String GAP = "  ";

    private TextRenderer() {
    }

    public static void render(Report report, PrintStream out) {
        out.println("Baton report: " + printable(report.title()));
        out.println(RecordingSpan.describe(report));
        for (RecordingSource bad : report.problems()) {
            out.println("NOT READ COMPLETELY: " + printable(bad.name()) + " (" + printable(bad.problem())
                    + "); the report covers what could be read");
        }
        out.println();
        out.println("What Baton did");
        List<Headline.Line> headline = Headline.of(report);
        int topicWidth = headline.stream().mapToInt(l -> l.topic().length()).max().orElse(0);
        for (Headline.Line line : headline) {
            out.println("  " + line.topic() + " ".repeat(topicWidth - line.topic().length()) + GAP
                    + printable(line.text()));
        }
        for (Table table : ReportTables.of(report)) {
            out.println();
            out.println(table.title());
            if (table.rows().isEmpty()) {
                out.println("  " + table.noneMessage());
                continue;
            }
            List<List<String>> lines = new ArrayList<>();
            lines.add(table.columns().stream().map(Table.Column::name).toList());
            for (List<String> row : table.rows()) {
                lines.add(row.stream().map(TextRenderer::printable).toList());
            }
            int[] widths = widths(lines);
            for (List<String> line : lines) {
                out.println(format(line, widths, table.columns()));
            }
            if (!table.note().isEmpty()) {
                out.println("  " + printable(table.note()));
            }
        }
    }

    private static int[] widths(List<List<String>> lines) {
        int[] widths = new int[lines.get(0).size()];
        for (List<String> line : lines) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        return widths;
    }

    private static String format(List<String> cells, int[] widths, List<Table.Column> columns) {
        StringBuilder line = new StringBuilder("  ");
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String padding = " ".repeat(widths[i] - cell.length());
            boolean last = i == cells.size() - 1;
            if (columns.get(i).numeric()) {
                line.append(padding).append(cell);
            } else {
                line.append(cell).append(last ? "" : padding);
            }
            if (!last) {
                line.append(GAP);
            }
        }
        return line.toString();
    }

    /** Keys come from the recorded program; a newline or escape sequence in one must not break the table. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
