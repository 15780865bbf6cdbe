package dev.baton.cli.report;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Draws lock waits and holds as an inline SVG: one row per scope and key, time left to right, a bar per wait or
 * hold with a hover title. Holds are full-height blue bars and waits thinner orange bars on top, because a wait on
 * a key usually overlaps someone's hold of the same key and both must stay visible.
 */
final class SvgTimeline {
    /** Beyond this the SVG gets too tall to read; the busiest keys come first, so the rest matter least. */
    static final int MAX_ROWS = 60;
    /** Keeps the HTML file openable in a browser for recordings with very many lock events. */
    static final int MAX_BARS = 20_000;

    static final String WAIT_COLOUR = "#f58518";
    static final String HOLD_COLOUR = "#4c78a8";

    private static final int WIDTH = 1160;
    private static final int LABEL_WIDTH = 300;
    private static final int PLOT_WIDTH = WIDTH - LABEL_WIDTH - 20;
    private static final int ROW_HEIGHT = 22;
    private static final int TOP = 46;
    private static final int LABEL_CHARS = 44;
    private static final int TICKS = 8;

    private SvgTimeline() {
    }

    /** Returns the SVG element, or a short paragraph when there is nothing to draw. */
    static String render(Report report) {
        List<TimelineBar> bars = report.timeline();
        if (bars.isEmpty()) {
            return "<p class=\"none\">none: no lock waits or holds recorded (baton.LockWait, baton.LockHold)</p>\n";
        }
        Map<List<String>, Integer> rows = rows(report);
        Instant origin = bars.get(0).start();
        Instant last = origin;
        for (TimelineBar bar : bars) {
            last = bar.end().isAfter(last) ? bar.end() : last;
        }
        long spanNanos = Math.max(Duration.between(origin, last).toNanos(), 1_000_000L);
        int height = TOP + rows.size() * ROW_HEIGHT + 10;

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "role=\"img\" aria-label=\"Timeline of lock waits and holds per key\">%n",
                WIDTH, height, WIDTH, height));
        legend(svg);
        axis(svg, spanNanos, height);
        rowLabels(svg, rows);
        int drawn = 0;
        int skipped = 0;
        // Holds first, waits second: SVG paints in document order, and a thin wait bar under a later hold would vanish.
        for (TimelineBar.Kind kind : List.of(TimelineBar.Kind.HOLD, TimelineBar.Kind.WAIT)) {
            for (TimelineBar bar : bars) {
                if (bar.kind() != kind) {
                    continue;
                }
                Integer row = rows.get(List.of(bar.scope(), bar.key()));
                if (row == null || drawn >= MAX_BARS) {
                    skipped++;
                    continue;
                }
                bar(svg, bar, row, origin, spanNanos);
                drawn++;
            }
        }
        svg.append("</svg>\n");
        if (skipped > 0) {
            svg.append("<p class=\"note\">").append(skipped).append(" of ").append(bars.size())
                    .append(" waits and holds are not drawn: the timeline shows at most ").append(MAX_ROWS)
                    .append(" keys (most wait first) and ").append(MAX_BARS).append(" bars.</p>\n");
        }
        return svg.toString();
    }

    /** Row order: keys with the most wait first (the contention table's order), then keys that were only held. */
    private static Map<List<String>, Integer> rows(Report report) {
        Set<List<String>> keys = new LinkedHashSet<>();
        for (KeyContention contention : report.contention()) {
            keys.add(List.of(contention.scope(), contention.key()));
        }
        for (TimelineBar bar : report.timeline()) {
            keys.add(List.of(bar.scope(), bar.key()));
        }
        Map<List<String>, Integer> rows = new LinkedHashMap<>();
        for (List<String> key : keys) {
            if (rows.size() == MAX_ROWS) {
                break;
            }
            rows.put(key, rows.size());
        }
        return rows;
    }

    private static void legend(StringBuilder svg) {
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"6\" width=\"14\" height=\"12\" fill=\"%s\"/>"
                        + "<text x=\"%d\" y=\"16\" class=\"legend\">wait for the lock</text>%n"
                        + "<rect x=\"%d\" y=\"6\" width=\"14\" height=\"12\" fill=\"%s\"/>"
                        + "<text x=\"%d\" y=\"16\" class=\"legend\">lock held</text>%n",
                LABEL_WIDTH, WAIT_COLOUR, LABEL_WIDTH + 20, LABEL_WIDTH + 160, HOLD_COLOUR, LABEL_WIDTH + 180));
    }

    private static void axis(StringBuilder svg, long spanNanos, int height) {
        for (int i = 0; i <= TICKS; i++) {
            double x = LABEL_WIDTH + (double) PLOT_WIDTH * i / TICKS;
            String label = "+" + Formats.duration(Duration.ofNanos(spanNanos * i / TICKS));
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"grid\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"%s\">%s</text>%n",
                    x, TOP - 8, x, height - 6, x, TOP - 12, i == TICKS ? "end" : "middle", HtmlText.escape(label)));
        }
    }

    private static void rowLabels(StringBuilder svg, Map<List<String>, Integer> rows) {
        rows.forEach((key, row) -> {
            int y = TOP + row * ROW_HEIGHT;
            String full = key.get(0) + " " + key.get(1);
            String shown = full.length() > LABEL_CHARS ? full.substring(0, LABEL_CHARS - 1) + "\u2026" : full;
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"%s\"/>"
                            + "<text x=\"6\" y=\"%d\" class=\"key\"><title>%s</title>%s</text>%n",
                    y, WIDTH, ROW_HEIGHT, row % 2 == 0 ? "even" : "odd", y + 15, HtmlText.escape(full),
                    HtmlText.escape(shown)));
        });
    }

    private static void bar(StringBuilder svg, TimelineBar bar, int row, Instant origin, long spanNanos) {
        double x = LABEL_WIDTH + PLOT_WIDTH * (double) Duration.between(origin, bar.start()).toNanos() / spanNanos;
        // Sub-pixel waits still get a visible sliver: that a wait happened matters more than its exact width.
        double width = Math.max(1.0,
                PLOT_WIDTH * (double) Duration.between(bar.start(), bar.end()).toNanos() / spanNanos);
        boolean wait = bar.kind() == TimelineBar.Kind.WAIT;
        int y = TOP + row * ROW_HEIGHT + (wait ? 7 : 3);
        int barHeight = wait ? 8 : 16;
        String title = (wait ? "wait " : "hold ") + Formats.duration(Duration.between(bar.start(), bar.end()))
                + " at +" + Formats.duration(Duration.between(origin, bar.start())) + " | " + bar.scope() + " "
                + bar.key() + (bar.detail().isEmpty() ? "" : " | " + bar.detail());
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\" fill=\"%s\" class=\"%s\"><title>%s</title>"
                        + "</rect>%n",
                x, y, width, barHeight, wait ? WAIT_COLOUR : HOLD_COLOUR, wait ? "wait" : "hold",
                HtmlText.escape(title)));
    }
}
