package dev.baton.jfr;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Registered;
import jdk.jfr.StackTrace;

/** Duration = the whole call: lock wait, transfer and publish. */
@Name("baton.Download")
@Label("Baton Download")
@Description("A download or stream-to-file copy coordinated by Baton")
@Category({"Baton", "Downloads"})
@StackTrace(false)
@Registered(false)
public final class DownloadEvent extends jdk.jfr.Event {
    @Label("Target")
    public String target;

    @Label("URL")
    @Description("Source URL without user information and query string, empty for caller streams")
    public String url;

    @Label("Bytes")
    @DataAmount
    public long bytes;

    @Label("Coalesced")
    @Description("A peer produced the file while this call waited, so no transfer was made")
    public boolean coalesced;

    @Label("Attempts")
    public int attempts;

    @Label("Outcome")
    public String outcome;
}
