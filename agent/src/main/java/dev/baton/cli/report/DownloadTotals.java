package dev.baton.cli.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;

/**
 * baton.Download events per target file. A coalesced download made no transfer because a peer produced the file
 * while this call waited, so its bytes are bytes saved.
 *
 * <p>Only targets that were shared count as downloads: fetched from a URL, or asked for by more than one call. A
 * stream copied once into a file of its own (sqlite-jdbc unpacking its native library into a fresh temp file, in
 * every process) is not a download and would only inflate the figures, so such copies are summed up apart.
 */
public final class DownloadTotals {
    /** One target file: how often it was asked for and what Baton did about it. */
    public record Target(String target, String url, int requests, int transfers, int coalesced, int failed,
            long bytesTransferred, long bytesSaved) {
        boolean shared() {
            return !url.isEmpty() || requests > 1 || coalesced > 0;
        }
    }

    private final Map<String, Target> byTarget = new LinkedHashMap<>();

    void add(RecordedEvent event) {
        String target = EventFields.text(event, "target");
        String url = EventFields.text(event, "url");
        long bytes = EventFields.number(event, "bytes");
        boolean coalesced = EventFields.flag(event, "coalesced");
        String outcome = EventFields.text(event, "outcome");
        // Recordings of older Baton versions have no outcome: then whatever was not coalesced was transferred.
        boolean failed = outcome.equals("failed");
        boolean transferred = !coalesced && !failed;
        byTarget.merge(target, new Target(target, url, 1, transferred ? 1 : 0, coalesced ? 1 : 0, failed ? 1 : 0,
                transferred ? bytes : 0, coalesced ? bytes : 0), DownloadTotals::sum);
    }

    private static Target sum(Target a, Target b) {
        return new Target(a.target(), a.url().isEmpty() ? b.url() : a.url(), a.requests() + b.requests(),
                a.transfers() + b.transfers(), a.coalesced() + b.coalesced(), a.failed() + b.failed(),
                a.bytesTransferred() + b.bytesTransferred(), a.bytesSaved() + b.bytesSaved());
    }

    /** Shared targets, the most requested first. */
    public List<Target> targets() {
        List<Target> shared = new ArrayList<>();
        for (Target target : byTarget.values()) {
            if (target.shared()) {
                shared.add(target);
            }
        }
        shared.sort(Comparator.comparingInt(Target::requests).reversed().thenComparing(Target::target));
        return shared;
    }

    /** Copies of a stream into a file nobody else asked for: counted apart, not as downloads. */
    public Target otherCopies() {
        Target others = new Target("", "", 0, 0, 0, 0, 0, 0);
        for (Target target : byTarget.values()) {
            if (!target.shared()) {
                others = sum(others, target);
            }
        }
        return others;
    }

    public int downloads() {
        return targets().stream().mapToInt(Target::requests).sum();
    }

    public int transfers() {
        return targets().stream().mapToInt(Target::transfers).sum();
    }

    public int coalesced() {
        return targets().stream().mapToInt(Target::coalesced).sum();
    }

    public int failed() {
        return targets().stream().mapToInt(Target::failed).sum();
    }

    public long bytesTransferred() {
        return targets().stream().mapToLong(Target::bytesTransferred).sum();
    }

    public long bytesSaved() {
        return targets().stream().mapToLong(Target::bytesSaved).sum();
    }
}
