package dev.baton.cli.report;

import jdk.jfr.consumer.RecordedEvent;

/**
 * Totals of baton.Download events. A coalesced download made no transfer because a peer produced the file while
 * this call waited, so its bytes are bytes saved.
 */
public final class DownloadTotals {
    private int downloads;
    private int coalesced;
    private long bytesTransferred;
    private long bytesSaved;

    void add(RecordedEvent event) {
        downloads++;
        long bytes = EventFields.number(event, "bytes");
        if (EventFields.flag(event, "coalesced")) {
            coalesced++;
            bytesSaved += bytes;
        } else {
            bytesTransferred += bytes;
        }
    }

    public int downloads() {
        return downloads;
    }

    public int coalesced() {
        return coalesced;
    }

    public long bytesTransferred() {
        return bytesTransferred;
    }

    public long bytesSaved() {
        return bytesSaved;
    }
}
