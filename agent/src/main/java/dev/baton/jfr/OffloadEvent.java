package dev.baton.jfr;

import jdk.jfr.Category;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

@Name("baton.Offload")
@Label("Baton Offload")
@Category({"Baton", "Offload"})
@StackTrace(false)
public final class OffloadEvent extends jdk.jfr.Event {
    @Label("Database")
    public String database;

    @Label("Operation")
    public String operation;

    @Label("Queue Wait")
    @Timespan(Timespan.NANOSECONDS)
    public long queueWait;

    @Label("Run Time")
    @Timespan(Timespan.NANOSECONDS)
    public long runTime;

    /** The event's own thread is the pool thread that ran the call; this is the virtual thread that made it. */
    @Label("Caller")
    public Thread caller;
}
