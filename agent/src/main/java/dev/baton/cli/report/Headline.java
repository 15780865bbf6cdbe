package dev.baton.cli.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's first lines: what Baton did, one sentence per kind of work, in words a reader acts on. Every kind is
 * listed even when nothing happened, so that "no fallbacks" reads as good news rather than a missing line.
 */
final class Headline {
    /** One line: the kind of work and what Baton did about it. */
    record Line(String topic, String text) {
    }

    private Headline() {
    }

    static List<Line> of(Report report) {
        List<Line> lines = new ArrayList<>();
        lines.add(new Line("downloads", downloads(report.downloads())));
        lines.add(new Line("installs", installs(report.installs())));
        lines.add(new Line("sqlite", sqlite(report.sqliteWaits(), report.sqliteBusy())));
        lines.add(new Line("offload", offload(report.offload())));
        lines.add(new Line("locks", locks(report.contention())));
        lines.add(new Line("retries", retries(report.retries())));
        lines.add(new Line("fallbacks", fallbacks(report.fallbacks())));
        return lines;
    }

    private static String downloads(DownloadTotals d) {
        if (d.downloads() == 0) {
            return "no downloads recorded";
        }
        int files = d.targets().size();
        return d.coalesced() + " transfer" + plural(d.coalesced()) + " saved (" + Formats.bytes(d.bytesSaved())
                + " not fetched again): " + d.downloads() + " download call" + plural(d.downloads()) + " for " + files
                + " file" + plural(files) + " made " + d.transfers() + " transfer" + plural(d.transfers()) + " ("
                + Formats.bytes(d.bytesTransferred()) + ")" + (d.failed() == 0 ? "" : ", " + d.failed() + " failed");
    }

    private static String installs(InstallTotals i) {
        if (i.installs() == 0) {
            return "no package-manager runs recorded";
        }
        return i.serialised() + " of " + i.installs() + " package-manager run" + plural(i.installs())
                + " waited for another one in the same directory (" + Formats.duration(i.totalWait())
                + " in total) instead of running at the same time"
                + (i.failed() == 0 ? "" : "; " + i.failed() + " exited non-zero");
    }

    private static String sqlite(SqliteWaitTotals waits, SqliteBusyTotals busy) {
        DurationStats all = waits.all();
        if (all.count() == 0 && busy.events() == 0) {
            return "no waits for a SQLite write lock recorded";
        }
        int gaveUp = busy.events() - busy.outcomes().getOrDefault("ok", 0);
        StringBuilder text = new StringBuilder();
        if (gaveUp > 0) { // What failed comes first: the rest of the line must not read as "nothing failed".
            text.append(gaveUp).append(" statement").append(plural(gaveUp))
                    .append(" still failed with SQLITE_BUSY after the busy timeout (see SQLite BUSY answers)");
        }
        if (all.count() > 0) {
            text.append(text.length() == 0 ? "" : "; ").append(all.count()).append(" write transaction")
                    .append(plural(all.count())).append(" waited for the write lock before starting (")
                    .append(Formats.duration(all.total())).append(" in total, longest ")
                    .append(Formats.duration(all.max())).append(")")
                    .append(gaveUp == 0 ? ", so none could fail with SQLITE_BUSY halfway" : "");
        }
        int retried = busy.events() - gaveUp;
        if (retried > 0) {
            text.append(text.length() == 0 ? "" : "; ").append(retried).append(" BUSY answer")
                    .append(plural(retried)).append(" retried safely");
        }
        return text.toString();
    }

    /** Managed calls never queue, pool calls may: the line says how many got a carrier and the longest queue wait. */
    private static String offload(OffloadTotals offload) {
        DurationStats queueWait = offload.queueWait();
        if (queueWait.count() == 0) {
            return "no offloaded calls recorded";
        }
        int compensated = offload.compensated();
        return queueWait.count() + " blocking call" + plural(queueWait.count()) + " of virtual threads kept the others"
                + " running: " + compensated + " got a carrier of their own while blocked, "
                + (queueWait.count() - compensated) + " ran on Baton's pool or ended within 2 ms; longest queue wait "
                + Formats.duration(queueWait.max());
    }

    private static String locks(List<KeyContention> contention) {
        int waits = 0;
        int contended = 0;
        int keys = 0;
        Duration total = Duration.ZERO;
        for (KeyContention key : contention) {
            waits += key.waits().count();
            if (key.contended() > 0) {
                contended += key.contended();
                keys++;
                total = total.plus(key.waits().total());
            }
        }
        if (contended == 0) {
            return waits == 0 ? "no lock waits recorded" : "no process or thread ever waited for another ("
                    + waits + " uncontended lock" + plural(waits) + ")";
        }
        return keys + " key" + plural(keys) + " shared: " + contended + " wait" + plural(contended)
                + " for another holder, " + Formats.duration(total) + " waited on " + (keys == 1 ? "it" : "them")
                + " in total";
    }

    private static String retries(List<RetryCause> retries) {
        int count = retries.stream().mapToInt(RetryCause::retries).sum();
        return count == 0 ? "none" : count + " failed attempt" + plural(count) + " retried";
    }

    private static String fallbacks(List<FallbackSite> fallbacks) {
        int count = fallbacks.stream().mapToInt(FallbackSite::count).sum();
        return count == 0 ? "none: Baton never had to step aside"
                : count + " time" + plural(count) + " Baton failed inside a call and let it run as without Baton, at "
                        + fallbacks.size() + " site" + plural(fallbacks.size()) + " (see Fallbacks by site)";
    }

    private static String plural(long count) {
        return count == 1 ? "" : "s";
    }
}
