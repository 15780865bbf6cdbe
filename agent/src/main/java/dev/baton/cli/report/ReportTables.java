package dev.baton.cli.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Lays the report out as titled tables: one per section, in the order users read them. */
public final class ReportTables {
    private ReportTables() {
    }

    /** Contention first: the HTML renderer places the timeline right after it. The recordings read come last. */
    public static List<Table> of(Report report) {
        return List.of(contention(report), byScope(report), retries(report), downloads(report), installs(report),
                sqliteWaits(report), sqliteBusy(report), offload(report), fallbacks(report), recordings(report));
    }

    /**
     * Lock waits per scope: a rule's locks ("rule:NAME", "recipe:TOOL/HOOK") together whatever their keys, and each
     * feature's ("download", "install").
     */
    private static Table byScope(Report report) {
        return byScope(report.contention());
    }

    static Table byScope(List<KeyContention> contention) {
        java.util.Map<String, List<KeyContention>> byScope = new java.util.TreeMap<>();
        for (KeyContention c : contention) {
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

    /**
     * Keys where someone waited for another holder. Keys whose waits were all uncontended (one process, one call)
     * say nothing about sharing and are summed up in the note instead.
     */
    private static Table contention(Report report) {
        List<List<String>> rows = new ArrayList<>();
        int quietKeys = 0;
        int quietWaits = 0;
        Duration quietTotal = Duration.ZERO;
        for (KeyContention c : report.contention()) {
            if (c.contended() == 0) {
                quietKeys++;
                quietWaits += c.waits().count();
                quietTotal = quietTotal.plus(c.waits().total());
                continue;
            }
            rows.add(List.of(c.scope(), c.key(), Integer.toString(c.waits().count()),
                    Formats.share(c.contendedShare()), Formats.duration(c.waits().total()),
                    Formats.duration(c.waits().p50()), Formats.duration(c.waits().p99()),
                    Formats.duration(c.waits().max()), holders(c)));
        }
        return new Table("Lock contention by scope and key",
                List.of(Table.text("scope"), Table.text("key"), Table.number("waits"), Table.number("contended"),
                        Table.number("total wait"), Table.number("p50"), Table.number("p99"), Table.number("max"),
                        Table.text("top holders (waits)")),
                rows, report.contention().isEmpty() ? "none: no lock waits recorded (baton.LockWait)"
                        : "none: every lock was free when asked for (baton.LockWait)",
                quietKeys == 0 ? "" : "Not shown: " + quietKeys + " key" + (quietKeys == 1 ? "" : "s") + " whose "
                        + quietWaits + " wait" + (quietWaits == 1 ? " was" : "s were all") + " uncontended ("
                        + Formats.duration(quietTotal) + " in total).");
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

    /** Per target file; copies nobody else asked for (not downloads) are summed up in the note. */
    private static Table downloads(Report report) {
        DownloadTotals d = report.downloads();
        List<List<String>> rows = new ArrayList<>();
        for (DownloadTotals.Target t : d.targets()) {
            rows.add(List.of(t.target(), t.url().isEmpty() ? "(stream)" : t.url(), Integer.toString(t.requests()),
                    Integer.toString(t.transfers()), Integer.toString(t.coalesced()), Integer.toString(t.failed()),
                    Formats.bytes(t.bytesTransferred()), Formats.bytes(t.bytesSaved())));
        }
        DownloadTotals.Target others = d.otherCopies();
        return new Table("Downloads",
                List.of(Table.text("target"), Table.text("source"), Table.number("calls"),
                        Table.number("transfers"), Table.number("coalesced"), Table.number("failed"),
                        Table.number("transferred"), Table.number("saved by coalescing")),
                rows, "none: no downloads recorded (baton.Download)",
                others.requests() == 0 ? "" : "Not counted as downloads: " + others.requests() + " cop"
                        + (others.requests() == 1 ? "y" : "ies") + " of a stream into a file no other call asked"
                        + " for (" + Formats.bytes(others.bytesTransferred()) + "), such as a library unpacking its"
                        + " native code into a temp file.");
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

    private static Table sqliteWaits(Report report) {
        List<List<String>> rows = new ArrayList<>();
        for (SqliteWaitTotals.Database db : report.sqliteWaits().databases()) {
            rows.add(List.of(db.database(), Integer.toString(db.waits().count()), Formats.duration(db.waits().total()),
                    Formats.duration(db.queued()), Formats.duration(db.waits().p50()),
                    Formats.duration(db.waits().p99()), Formats.duration(db.waits().max()),
                    Integer.toString(db.busy())));
        }
        return new Table("SQLite write transactions that waited for the lock",
                List.of(Table.text("database"), Table.number("transactions"), Table.number("total wait"),
                        Table.number("queued in process"), Table.number("p50"), Table.number("p99"),
                        Table.number("max"), Table.number("still busy")),
                rows, "none: no write transaction waited 1 ms or more for the write lock (baton.SqliteWait)",
                rows.isEmpty() ? "" : "Begun IMMEDIATE and queued by Baton, these transactions waited before their"
                        + " first statement instead of failing with SQLITE_BUSY halfway.");
    }

    private static Table sqliteBusy(Report report) {
        SqliteBusyTotals s = report.sqliteBusy();
        List<List<String>> rows = s.events() == 0 ? List.of()
                : List.of(List.of(Integer.toString(s.events()), Long.toString(s.attempts()),
                        Formats.duration(s.waited()), Formats.duration(s.maxWaited()),
                        s.outcomes().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                                .collect(Collectors.joining(", "))));
        return new Table("SQLite BUSY answers retried",
                List.of(Table.number("busy"), Table.number("attempts"), Table.number("waited"),
                        Table.number("max waited"), Table.text("outcomes")),
                rows, "none: SQLite never answered BUSY (baton.SqliteBusy)");
    }

    /** One row per database, then one per operation: where virtual threads blocked, and whether anyone waited. */
    private static Table offload(Report report) {
        List<List<String>> rows = new ArrayList<>();
        for (OffloadTotals.Group group : report.offload().byDatabase()) {
            rows.add(offloadRow("database", group));
        }
        for (OffloadTotals.Group group : report.offload().byOperation()) {
            rows.add(offloadRow("operation", group));
        }
        return new Table("Offload",
                List.of(Table.text("by"), Table.text("name"), Table.number("calls"), Table.number("compensated"),
                        Table.number("queue wait p50"), Table.number("queue wait p99"),
                        Table.number("queue wait max"), Table.number("run time total"), Table.number("run time p50"),
                        Table.number("run time p99")),
                rows, "none: no offloaded calls recorded (baton.Offload)");
    }

    private static List<String> offloadRow(String by, OffloadTotals.Group group) {
        DurationStats queue = group.queueWait();
        DurationStats run = group.runTime();
        return List.of(by, group.name(), Integer.toString(queue.count()), Integer.toString(group.compensated()),
                Formats.duration(queue.p50()), Formats.duration(queue.p99()), Formats.duration(queue.max()),
                Formats.duration(run.total()), Formats.duration(run.p50()), Formats.duration(run.p99()));
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

    private static Table recordings(Report report) {
        List<List<String>> rows = new ArrayList<>();
        for (RecordingSource r : report.recordings()) {
            String status = r.duplicateOf() != null ? "same file as " + r.duplicateOf() + ": read once"
                    : r.problem() != null ? "NOT READ COMPLETELY: " + r.problem() : "ok";
            rows.add(List.of(r.name(), r.process(), r.read() ? Long.toString(r.batonEvents()) : "",
                    status));
        }
        return new Table("Recordings",
                List.of(Table.text("file"), Table.text("process"), Table.number("Baton events"),
                        Table.text("read")),
                rows, "none: no recording given");
    }
}
