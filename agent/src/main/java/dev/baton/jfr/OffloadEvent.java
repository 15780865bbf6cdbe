package dev.baton.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Registered;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * One blocking call of a virtual thread. The event's duration is the whole call as the caller saw it, queue wait
 * included, so a threshold keeps every call that waited long, however short its run.
 */
@Name("baton.Offload")
@Label("Baton Offload")
@Category({"Baton", "Offload"})
@StackTrace(false)
@Registered(false)
public final class OffloadEvent extends jdk.jfr.Event {
    @Label("Database")
    public String database;

    @Label("Operation")
    public String operation;

    @Label("Queue Wait")
    @Description("Time before the call started running: waiting for a pool thread (0 in managed mode)")
    @Timespan(Timespan.NANOSECONDS)
    public long queueWait;

    @Label("Run Time")
    @Timespan(Timespan.NANOSECONDS)
    public long runTime;

    @Label("Compensated")
    @Description("Managed mode: the call blocked long enough that the virtual-thread scheduler got a carrier for it")
    public boolean compensated;

    /** The event's thread ran the call (a pool thread, or the caller itself in managed mode); this made it. */
    @Label("Caller")
    public Thread caller;
}
