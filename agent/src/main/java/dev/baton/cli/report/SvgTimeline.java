package dev.baton.cli.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws lock waits and holds as an inline SVG. Each scope and key gets a header row, then one lane per process that
 * waited for or held it, time left to right: a reader sees one process's hold (a full-height blue bar) and, in the
 * lanes below, the others waiting for it (thinner orange bars), with a hover title naming the holder.
 */
final class SvgTimeline {
    /** Beyond this the SVG gets too tall to read; the busiest keys come first, so the rest matter least. */
    static final int MAX_KEYS = 40;
    static final int MAX_LANES = 160;
    /** Keeps the HTML file openable in a browser for recordings with very many lock events. */
    static final int MAX_BARS = 20_000;

    static final String WAIT_COLOUR = "#f58518";
    static final String HOLD_COLOUR = "#4c78a8";

    private static final int WIDTH = 1160;
    private static final int LABEL_WIDTH = 150;
    private static final int PLOT_WIDTH = WIDTH - LABEL_WIDTH - 20;
    private static final int KEY_ROW_HEIGHT = 36;
    private static final int LANE_HEIGHT = 18;
    private static final int TOP = 26;
    /** A key's header row spans the whole width, so its label may be long. */
    private static final int KEY_LABEL_CHARS = 150;
    private static final int LANE_LABEL_CHARS = 20;
    private static final int TICKS = 8;

    /** One key's rows: its lanes in order of first activity, each with its bars. */
    private record KeyRows(String scope, String key, String summary, Map<String, List<TimelineBar>> lanes) {
        Instant start() {
            Instant start = null;
            for (List<TimelineBar> lane : lanes.values()) {
                for (TimelineBar bar : lane) {
                    start = start == null || bar.start().isBefore(start) ? bar.start() : start;
                }
            }
            return start;
        }

        Instant end() {
            Instant end = start();
            for (List<TimelineBar> lane : lanes.values()) {
                for (TimelineBar bar : lane) {
                    end = bar.end().isAfter(end) ? bar.end() : end;
                }
            }
            return end;
        }
    }

    private SvgTimeline() {
    }

    /** Returns the SVG element, or a short paragraph when there is nothing to draw. */
    static String render(Report report) {
        List<TimelineBar> bars = report.timeline();
        if (bars.isEmpty()) {
            return "<p class=\"none\">none: no lock waits or holds recorded (baton.LockWait, baton.LockHold)</p>\n";
        }
        List<KeyRows> keys = layout(report);
        Instant origin = bars.get(0).start();

        List<KeyRows> shown = new ArrayList<>();
        int lanes = 0;
        for (KeyRows key : keys) {
            if (shown.size() == MAX_KEYS || lanes + key.lanes().size() > MAX_LANES) {
                break;
            }
            shown.add(key);
            lanes += key.lanes().size();
        }
        int height = TOP + shown.size() * KEY_ROW_HEIGHT + lanes * LANE_HEIGHT + 4;
        Map<String, String> labels = KeyLabels.shorten(shown.stream().map(KeyRows::key).distinct().toList(),
                KEY_LABEL_CHARS);

        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                        + "role=\"img\" aria-label=\"Timeline of lock waits and holds per key and process\">%n",
                WIDTH, height, WIDTH, height));
        legend(svg);
        int y = TOP;
        int drawn = 0;
        for (KeyRows key : shown) {
            // Each key on its own time scale: one recording may span several runs minutes apart, and on a common
            // scale a key's few seconds of contention would shrink to a sliver.
            Instant start = key.start();
            long spanNanos = Math.max(Duration.between(start, key.end()).toNanos(), 1_000_000L);
            int groupHeight = KEY_ROW_HEIGHT + key.lanes().size() * LANE_HEIGHT;
            keyRow(svg, key, labels.get(key.key()), y, Duration.between(origin, start), spanNanos, groupHeight);
            y += KEY_ROW_HEIGHT;
            int lane = 0;
            for (Map.Entry<String, List<TimelineBar>> entry : key.lanes().entrySet()) {
                laneRow(svg, entry.getKey(), y, lane++);
                // Holds first, waits second: SVG paints in document order, and a thin wait bar under a later hold
                // would vanish.
                for (TimelineBar.Kind kind : List.of(TimelineBar.Kind.HOLD, TimelineBar.Kind.WAIT)) {
                    for (TimelineBar bar : entry.getValue()) {
                        if (bar.kind() == kind && drawn < MAX_BARS) {
                            bar(svg, bar, y, start, origin, spanNanos);
                            drawn++;
                        }
                    }
                }
                y += LANE_HEIGHT;
            }
        }
        svg.append("</svg>\n");
        int skipped = bars.size() - drawn;
        if (skipped > 0) {
            svg.append("<p class=\"note\">").append(skipped).append(" of ").append(bars.size())
                    .append(" waits and holds are not drawn: the timeline shows keys where a process waited for")
                    .append(" another (the most wait first; if there are none, keys held 10 ms or more), at most ")
                    .append(MAX_KEYS).append(" keys, ").append(MAX_LANES).append(" lanes and ").append(MAX_BARS)
                    .append(" bars.</p>\n");
        }
        return svg.toString();
    }

    /**
     * Keys where someone waited for another holder, in the contention table's order (most wait first). Only when
     * nobody ever waited for anybody are the keys held long enough to record drawn instead, so that a single
     * process's recording still shows its locks; otherwise they would only crowd out the keys that were shared.
     */
    private static List<KeyRows> layout(Report report) {
        Map<List<String>, Map<String, List<TimelineBar>>> byKey = new LinkedHashMap<>();
        Map<List<String>, String> summaries = new LinkedHashMap<>();
        for (KeyContention c : report.contention()) {
            if (c.contended() > 0) {
                List<String> id = List.of(c.scope(), c.key());
                byKey.put(id, new LinkedHashMap<>());
                summaries.put(id, c.waits().count() + (c.waits().count() == 1 ? " wait, " : " waits, ")
                        + c.contended() + " for another holder, " + Formats.duration(c.waits().total())
                        + " in total");
            }
        }
        if (byKey.isEmpty()) {
            for (TimelineBar bar : report.timeline()) {
                if (bar.kind() == TimelineBar.Kind.HOLD) {
                    byKey.computeIfAbsent(List.of(bar.scope(), bar.key()), k -> new LinkedHashMap<>());
                }
            }
        }
        // Bars are sorted by start, so lanes come out in order of each process's first wait or hold.
        for (TimelineBar bar : report.timeline()) {
            Map<String, List<TimelineBar>> lanes = byKey.get(List.of(bar.scope(), bar.key()));
            if (lanes != null) {
                lanes.computeIfAbsent(bar.process(), p -> new ArrayList<>()).add(bar);
            }
        }
        List<KeyRows> keys = new ArrayList<>();
        byKey.forEach((id, lanes) -> keys.add(new KeyRows(id.get(0), id.get(1), summaries.getOrDefault(id, ""),
                lanes)));
        return keys;
    }

    private static void legend(StringBuilder svg) {
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"6\" width=\"14\" height=\"12\" fill=\"%s\"/>"
                        + "<text x=\"%d\" y=\"16\" class=\"legend\">wait for the lock</text>%n"
                        + "<rect x=\"%d\" y=\"6\" width=\"14\" height=\"12\" fill=\"%s\"/>"
                        + "<text x=\"%d\" y=\"16\" class=\"legend\">lock held</text>%n"
                        + "<text x=\"%d\" y=\"16\" class=\"tick\">each key on its own time scale; hover a bar for"
                        + " details</text>%n",
                LABEL_WIDTH, WAIT_COLOUR, LABEL_WIDTH + 20, LABEL_WIDTH + 160, HOLD_COLOUR, LABEL_WIDTH + 180,
                LABEL_WIDTH + 300));
    }

    /** The key's header row (label, summary, where it starts) with its time axis, and the axis' grid lines. */
    private static void keyRow(StringBuilder svg, KeyRows key, String label, int y, Duration offset, long spanNanos,
            int groupHeight) {
        String full = key.scope() + " " + key.key();
        String shown = key.scope() + "  " + label + "   (" + (key.summary().isEmpty() ? "" : key.summary() + "; ")
                + "from +" + Formats.duration(offset) + ")";
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"keyrow\"/>"
                        + "<text x=\"6\" y=\"%d\" class=\"key\"><title>%s</title>%s</text>%n",
                y, WIDTH, KEY_ROW_HEIGHT, y + 14, HtmlText.escape(full), HtmlText.escape(shown)));
        for (int i = 0; i <= TICKS; i++) {
            double x = LABEL_WIDTH + (double) PLOT_WIDTH * i / TICKS;
            String tick = "+" + Formats.duration(Duration.ofNanos(spanNanos * i / TICKS));
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"grid\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"%s\">%s</text>%n",
                    x, y + KEY_ROW_HEIGHT - 4, x, y + groupHeight, x, y + KEY_ROW_HEIGHT - 6,
                    i == 0 ? "start" : i == TICKS ? "end" : "middle", HtmlText.escape(tick)));
        }
    }

    private static void laneRow(StringBuilder svg, String process, int y, int lane) {
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"%s\"/>"
                        + "<text x=\"18\" y=\"%d\" class=\"lane\"><title>%s</title>%s</text>%n",
                y, WIDTH, LANE_HEIGHT, lane % 2 == 0 ? "even" : "odd", y + 13, HtmlText.escape(process),
                HtmlText.escape(KeyLabels.middleOut(process, LANE_LABEL_CHARS))));
    }

    private static void bar(StringBuilder svg, TimelineBar bar, int laneY, Instant keyStart, Instant origin,
            long spanNanos) {
        double x = LABEL_WIDTH + PLOT_WIDTH * (double) Duration.between(keyStart, bar.start()).toNanos() / spanNanos;
        // Sub-pixel waits still get a visible sliver: that a wait happened matters more than its exact width.
        double width = Math.max(1.0,
                PLOT_WIDTH * (double) Duration.between(bar.start(), bar.end()).toNanos() / spanNanos);
        boolean wait = bar.kind() == TimelineBar.Kind.WAIT;
        int y = laneY + (wait ? 6 : 2);
        int barHeight = wait ? 6 : 14;
        String title = bar.process() + (wait ? ": wait " : ": hold ")
                + Formats.duration(Duration.between(bar.start(), bar.end())) + " at +"
                + Formats.duration(Duration.between(origin, bar.start())) + " | " + bar.scope() + " " + bar.key()
                + (bar.detail().isEmpty() ? "" : " | " + bar.detail());
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"%d\" fill=\"%s\" class=\"%s\"><title>%s</title>"
                        + "</rect>%n",
                x, y, width, barHeight, wait ? WAIT_COLOUR : HOLD_COLOUR, wait ? "wait" : "hold",
                HtmlText.escape(title)));
    }
}
