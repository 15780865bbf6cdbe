package dev.baton.cli.report;

import java.util.List;

/**
 * Writes the report as one self-contained HTML page: inline CSS, inline SVG, no scripts and nothing fetched from
 * the network, so it can be attached to a CI run or an issue and opened anywhere.
 */
public final class HtmlRenderer {
    private static final String STYLE = """
            body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px; color: #1d1d1f; }
            h1 { font-size: 22px; margin: 0 0 4px; }
            h2 { font-size: 17px; margin: 28px 0 8px; }
            p.span { color: #555; margin: 0 0 8px; }
            table { border-collapse: collapse; }
            th, td { padding: 4px 10px; border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }
            th { background: #f3f3f5; font-weight: 600; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            td { max-width: 520px; overflow-wrap: anywhere; }
            td:not(.num) { min-width: 7em; }
            p.none, p.note { color: #666; font-style: italic; margin: 4px 0; }
            p.problem { color: #a40000; font-weight: 600; margin: 4px 0; }
            table.headline th { background: none; text-align: left; padding-right: 16px; }
            table.headline td { max-width: 900px; }
            svg { border: 1px solid #ddd; background: #fff; max-width: 100%; height: auto; }
            svg rect { shape-rendering: crispEdges; }
            svg .even { fill: #fafafa; }
            svg .odd { fill: #f0f0f3; }
            svg .grid { stroke: #ccc; stroke-width: 1; }
            svg text { font: 12px system-ui, sans-serif; fill: #333; }
            svg text.tick { fill: #666; font-size: 11px; }
            svg .keyrow { fill: #e8e8ee; }
            svg text.key { font-weight: 600; }
            svg text.lane { fill: #555; }
            """;

    private HtmlRenderer() {
    }

    public static String render(Report report) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Baton report: ").append(HtmlText.escape(report.title())).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<h1>Baton report: ").append(HtmlText.escape(report.title())).append("</h1>\n")
                .append("<p class=\"span\">").append(HtmlText.escape(RecordingSpan.describe(report))).append("</p>\n");
        for (RecordingSource bad : report.problems()) {
            html.append("<p class=\"problem\">Not read completely: ").append(HtmlText.escape(bad.name()))
                    .append(" (").append(HtmlText.escape(bad.problem()))
                    .append("); the report covers what could be read.</p>\n");
        }
        headline(html, Headline.of(report));
        List<Table> tables = ReportTables.of(report);
        for (int i = 0; i < tables.size(); i++) {
            section(html, tables.get(i));
            if (i == 0) {
                // Right below the contention table, which it illustrates, so that it shows without scrolling.
                html.append("<h2>Timeline of lock waits and holds, one lane per process</h2>\n")
                        .append(SvgTimeline.render(report));
            }
        }
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static void headline(StringBuilder html, List<Headline.Line> lines) {
        html.append("<h2>What Baton did</h2>\n<table class=\"headline\">\n");
        for (Headline.Line line : lines) {
            html.append("<tr><th>").append(HtmlText.escape(line.topic())).append("</th><td>")
                    .append(HtmlText.escape(line.text())).append("</td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void section(StringBuilder html, Table table) {
        html.append("<h2>").append(HtmlText.escape(table.title())).append("</h2>\n");
        if (table.rows().isEmpty()) {
            html.append("<p class=\"none\">").append(HtmlText.escape(table.noneMessage())).append("</p>\n");
        } else {
            table(html, table);
            if (!table.note().isEmpty()) {
                html.append("<p class=\"note\">").append(HtmlText.escape(table.note())).append("</p>\n");
            }
        }
    }

    private static void table(StringBuilder html, Table table) {
        List<Table.Column> columns = table.columns();
        html.append("<table>\n<thead><tr>");
        for (Table.Column column : columns) {
            html.append(column.numeric() ? "<th class=\"num\">" : "<th>").append(HtmlText.escape(column.name()))
                    .append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : table.rows()) {
            html.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                html.append(columns.get(i).numeric() ? "<td class=\"num\">" : "<td>")
                        .append(HtmlText.escape(row.get(i))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }
}
