package dev.baton.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Lays the report out as titled tables: one per section, in the order users read them. */
public final class ReportTables {
    private ReportTables() {
    }

    /** Contention first: the HTML renderer places the timeline right after it. */
    public static List<Table> of(Report report) {
        return List.of(contention(report), byScope(report), retries(report), downloads(report), installs(report),
                sqliteBusy(report), offload(report), fallbacks(report));
    }

    /**
     * Lock waits per scope: a rule's locks ("rule:NAME", "recipe:TOOL/HOOK") together whatever their keys, and each
     * feature's ("download", "install").
     */
    private static Table byScope(Report report) {
        java.util.Map<String, List<KeyContention>> byScope = new java.util.TreeMap<>();
        for (KeyContention c : report.contention()) {
            byScope.computeIfAbsent(c.scope(), s -> new ArrayList<>()).add(c);
        }
        List<List<String>> rows = new ArrayList<>();
        byScope.forEach((scope, keys) -> {
            int waits = 0;
            int contended = 0;
            java.time.Duration total = java.time.Duration.ZERO;
            java.time.Duration max = java.time.Duration.ZERO;
            for (KeyContention c : keys) {
                waits += c.waits().count();
                contended += c.contended();
                total = total.plus(c.waits().total());
                max = c.waits().max().compareTo(max) > 0 ? c.waits().max() : max;
            }
            rows.add(List.of(scope, Integer.toString(keys.size()), Integer.toString(waits),
                    Formats.share(waits == 0 ? 0 : (double) contended / waits), Formats.duration(total),
                    Formats.duration(max)));
        });
        return new Table("Lock waits by rule or feature",
                List.of(Table.text("scope"), Table.number("keys"), Table.number("waits"), Table.number("contended"),
                        Table.number("total wait"), Table.number("max")),
                rows, "none: no lock waits recorded (baton.LockWait)");
    }

    private static Table contention(Report report) {
        List<List<String>> rows = new ArrayList<>();
        for (KeyContention c : report.contention()) {
            rows.add(List.of(c.scope(), c.key(), Integer.toString(c.waits().count()),
                    Formats.share(c.contendedShare()), Formats.duration(c.waits().total()),
                    Formats.duration(c.waits().p50()), Formats.duration(c.waits().p99()),
                    Formats.duration(c.waits().max()), holders(c)));
        }
        return new Table("Lock contention by scope and key",
                List.of(Table.text("scope"), Table.text("key"), Table.number("waits"), Table.number("contended"),
                        Table.number("total wait"), Table.number("p50"), Table.number("p99"), Table.number("max"),
                        Table.text("top holders (waits)")),
                rows, "none: no lock waits recorded (baton.LockWait)");
    }

    private static String holders(KeyContention contention) {
        if (contention.topHolders().isEmpty()) {
            return "-";
        }
        return contention.topHolders().stream().map(h -> h.holder() + " (" + h.waits() + ")")
                .collect(Collectors.joining(", "));
    }

    private static Table retries(Report report) {
        List<List<String>> rows = new ArrayList<>();
        for (RetryCause r : report.retries()) {
            rows.add(List.of(r.cause(), Integer.toString(r.retries()), String.join(", ", r.operations()),
                    Formats.duration(r.totalBackoff())));
        }
        return new Table("Retries by cause",
                List.of(Table.text("cause"), Table.number("retries"), Table.text("operations"),
                        Table.number("total backoff")),
                rows, "none: no retries recorded (baton.Retry)");
    }

    private static Table downloads(Report report) {
        DownloadTotals d = report.downloads();
        List<List<String>> rows = d.downloads() == 0 ? List.of()
                : List.of(List.of(Integer.toString(d.downloads()), Integer.toString(d.coalesced()),
                        Formats.bytes(d.bytesTransferred()), Formats.bytes(d.bytesSaved())));
        return new Table("Downloads",
                List.of(Table.number("downloads"), Table.number("coalesced"), Table.number("transferred"),
                        Table.number("saved by coalescing")),
                rows, "none: no downloads recorded (baton.Download)");
    }

    private static Table installs(Report report) {
        InstallTotals i = report.installs();
        List<List<String>> rows = i.installs() == 0 ? List.of()
                : List.of(List.of(Integer.toString(i.installs()), Integer.toString(i.serialised()),
                        Formats.duration(i.totalWait()), Formats.duration(i.maxWait()), Integer.toString(i.failed())));
        return new Table("Installs serialised",
                List.of(Table.number("installs"), Table.number("waited for another"), Table.number("total wait"),
                        Table.number("max wait"), Table.number("non-zero exit")),
                rows, "none: no installs recorded (baton.Install)");
    }

    private static Table sqliteBusy(Report report) {
        SqliteBusyTotals s = report.sqliteBusy();
        List<List<String>> rows = s.events() == 0 ? List.of()
                : List.of(List.of(Integer.toString(s.events()), Long.toString(s.attempts()),
                        Formats.duration(s.waited()), Formats.duration(s.maxWaited()),
                        s.outcomes().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                                .collect(Collectors.joining(", "))));
        return new Table("SQLite busy",
                List.of(Table.number("busy"), Table.number("attempts"), Table.number("waited"),
                        Table.number("max waited"), Table.text("outcomes")),
                rows, "none: SQLite never answered BUSY (baton.SqliteBusy)");
    }

    private static Table offload(Report report) {
        DurationStats queue = report.offloadQueueWait();
        DurationStats run = report.offloadRunTime();
        List<List<String>> rows = queue.count() == 0 ? List.of()
                : List.of(List.of(Integer.toString(queue.count()), Formats.duration(queue.p50()),
                        Formats.duration(queue.p99()), Formats.duration(queue.max()), Formats.duration(run.total()),
                        Formats.duration(run.p50()), Formats.duration(run.p99())));
        return new Table("Offload",
                List.of(Table.number("calls"), Table.number("queue wait p50"), Table.number("queue wait p99"),
                        Table.number("queue wait max"), Table.number("run time total"), Table.number("run time p50"),
                        Table.number("run time p99")),
                rows, "none: no offloaded calls recorded (baton.Offload)");
    }

    private static Table fallbacks(Report report) {
        List<List<String>> rows = new ArrayList<>();
        for (FallbackSite f : report.fallbacks()) {
            rows.add(List.of(f.site(), Integer.toString(f.count()), String.join(", ", f.exceptions())));
        }
        return new Table("Fallbacks by site",
                List.of(Table.text("site"), Table.number("fallbacks"), Table.text("exceptions")),
                rows, "none: Baton never fell back to the original call (baton.Fallback)");
    }
}
