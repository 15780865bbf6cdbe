package dev.baton.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Registered;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** One event per failed attempt that Baton retries. */
@Name("baton.Retry")
@Label("Baton Retry")
@Description("Baton retried an operation after a transient failure")
@Category({"Baton", "Retries"})
@StackTrace(false)
@Registered(false)
public final class RetryEvent extends jdk.jfr.Event {
    @Label("Operation")
    @Description("download, sqlite, rule:NAME ...")
    public String operation;

    @Label("Target")
    public String target;

    @Label("Cause")
    @Description("Exception type or status that made the attempt fail")
    public String cause;

    @Label("Attempt")
    public int attempt;

    @Label("Backoff")
    @Timespan(Timespan.NANOSECONDS)
    public long backoff;
}
